/** Mimecast API client, one source per data type, and the normalizers. */
package io.mailsec.mimecast;
