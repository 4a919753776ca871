package io.mailsec.mimecast.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.Optional;

/** A successful (2xx) response whose body has not been read yet. The caller must close it. */
final class Response implements Closeable {
  private final int status;
  private final HttpHeaders headers;
  private final InputStream body;

  Response(int status, HttpHeaders headers, InputStream body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  int status() {
    return status;
  }

  Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** The media type without parameters, lower case; empty string when absent. */
  String mediaType() {
    String value = headers.firstValue("Content-Type").orElse("");
    int semicolon = value.indexOf(';');
    return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  boolean isJson() {
    String type = mediaType();
    return type.equals("application/json") || type.endsWith("+json");
  }

  InputStream body() {
    return body;
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // Closing only releases the connection; nothing was promised to the caller.
    }
  }
}
