package io.mailsec.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.openqa.selenium.WebElement;

/**
 * What the journeys do through the page itself: log in with the form, and call the REST API through
 * the console's own client (so with the session's cookie and CSRF token).
 */
final class ConsoleApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConsoleApi() {}

  static void logIn(Browser browser, String user, String password) {
    WebElement name = browser.waitFor("[data-test=login-username]");
    name.clear();
    name.sendKeys(user);
    WebElement pass = browser.find("[data-test=login-password]");
    pass.clear();
    pass.sendKeys(password);
    browser.find("[data-test=login-submit]").click();
  }

  /** A call without a body's answer: {status, code, message}, status 200 for success. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> call(Browser browser, String method, String path) {
    return (Map<String, Object>)
        browser.driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "import('./js/api.js')"
                + "  .then(m => m.request(arguments[0], arguments[1],"
                + "    arguments[0] === 'GET' ? undefined : {}, {allowUnauthorized: true}))"
                + "  .then(() => done({status: 200}),"
                + "    e => done({status: e.status, code: e.code, message: e.message}));",
            method,
            path);
  }

  /** Opens the alert list, logs in there with the form and waits until the list is shown. */
  static void logInOnAlerts(Browser browser, String user, String password) {
    browser.load("#/alerts");
    logIn(browser, user, password);
    browser.waitFor("[data-test=alerts-table], [data-test=no-alerts]");
  }

  /** The JSON answer of a GET; fails when the call does. */
  static JsonNode get(Browser browser, String path) throws Exception {
    return request(browser, "GET", path, null);
  }

  /** The JSON answer of a call with a JSON body ({@code null}: none); fails when the call does. */
  static JsonNode request(Browser browser, String method, String path, Map<String, ?> body)
      throws Exception {
    Object text =
        browser.driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "import('./js/api.js')"
                + "  .then(m => m.request(arguments[0], arguments[1], arguments[2] ?? undefined))"
                + "  .then(a => done(JSON.stringify(a)), e => done('ERROR ' + e.message));",
            method,
            path,
            body);
    if (text == null || text.toString().startsWith("ERROR ")) {
      throw new AssertionError(method + " " + path + " failed: " + text);
    }
    return JSON.readTree(text.toString());
  }
}
