package org.netservof.rest.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The web view's static files at {@code /ui/}, from this JAR ({@code org/netservof/rest/ui/}). A file is served
 * only by a plain name ({@code app.js}): the raw request path is matched before anything is decoded, so
 * {@code ..}, encoded dots or slashes and sub-folders are 404 without a look at the class path, and a folder is
 * never listed. The page holds no secret: it is served without a token and asks for one when the API does.
 */
final class UiHandler extends HttpHandler {
  /** Where the handler is mounted. */
  static final String PATH = "/ui";
  private static final String FOLDER = "org/netservof/rest/ui/";
  private static final Pattern NAME = Pattern.compile("/([a-z0-9][a-z0-9-]{0,63})\\.(html|js|css|svg)");
  private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=utf-8",
      "js", "text/javascript;charset=utf-8", "css", "text/css;charset=utf-8", "svg", "image/svg+xml");
  /** Only this origin's files and API: no CDN, no inline script, no framing by other sites. */
  private static final String POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
      + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final ClassLoader loader = UiHandler.class.getClassLoader();
  private final ObjectMapper json = JsonMapper.create();

  @Override
  public void service(Request request, Response response) throws IOException {
    String rest = request.getRequestURI().substring(PATH.length());
    if (rest.isEmpty()) {
      response.setStatus(301);
      response.setHeader("Location", PATH + "/");
      return;
    }
    if (!Method.GET.equals(request.getMethod()) && !Method.HEAD.equals(request.getMethod())) {
      response.setHeader("Allow", "GET, HEAD");
      error(response, 405, "the web view's files are read with GET");
      return;
    }
    Matcher name = NAME.matcher(rest.equals("/") ? "/index.html" : rest);
    InputStream in = name.matches() ? loader.getResourceAsStream(FOLDER + name.group(1) + "." + name.group(2))
        : null;
    if (in == null) {
      error(response, 404, "no file " + PATH + rest + " in the web view");
      return;
    }
    try (in) {
      byte[] body = in.readAllBytes();
      response.setContentType(TYPES.get(name.group(2)));
      response.setHeader("Cache-Control", "no-cache"); // a new controller version's page, not a stale one
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Content-Security-Policy", POLICY);
      response.setHeader("Referrer-Policy", "no-referrer");
      response.setContentLength(body.length);
      if (Method.GET.equals(request.getMethod())) {
        response.getOutputStream().write(body);
      }
    }
  }

  /** The API's error shape, so a client reads every refusal the same way. */
  private void error(Response response, int status, String detail) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    String reason = status == 404 ? "Not Found" : "Method Not Allowed";
    response.getOutputStream().write(json.writeValueAsBytes(new ApiError(status, reason, detail)));
  }
}
