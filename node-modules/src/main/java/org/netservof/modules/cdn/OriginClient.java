package org.netservof.modules.cdn;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.netservof.modules.common.ClientError;

/**
 * Fetches objects from the configured origin only ({@link RequestPath#at}): never following a redirect, the
 * whole answer within {@code origin-timeout-ms} (else 504), and no more than {@code max-object-bytes} of a
 * body (else 502: a larger object is not served). The origin's 404 is passed on; any other answer but 200
 * is 502.
 */
final class OriginClient implements AutoCloseable {
  private final CdnSettings settings;
  private final ExecutorService executor;
  private final HttpClient client;

  OriginClient(CdnSettings settings) {
    this.settings = settings;
    // HttpClient's default executor grows without bound; a container has a small task budget
    this.executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "activecdn-origin");
      t.setDaemon(true);
      return t;
    });
    this.client = HttpClient.newBuilder().connectTimeout(settings.originTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).executor(executor).build();
  }

  /** The object at {@code path}, fetched now, stamped {@code now}. */
  CachedObject fetch(RequestPath path, long now) throws ClientError {
    URI uri = path.at(settings.origin());
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.originTimeout()).GET().build();
    CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request, info -> info.statusCode() == 200
        ? new BoundedBody(settings.maxObjectBytes()) : HttpResponse.BodySubscribers.replacing(null));
    HttpResponse<byte[]> response;
    try {
      response = answer.get(settings.originTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new ClientError(504, "the origin did not answer in time");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof HttpTimeoutException) { // the client's own timeout, racing the one above
        throw new ClientError(504, "the origin did not answer in time");
      }
      throw new ClientError(502, "the origin's answer failed: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new ClientError(503, "stopping");
    }
    if (response.statusCode() != 200) {
      throw new ClientError(response.statusCode() == 404 ? 404 : 502, "the origin answered " + response.statusCode());
    }
    String type = response.headers().firstValue("content-type").orElse("application/octet-stream");
    return new CachedObject(type.replaceAll("[\\x00-\\x1f]", ""), response.body(), now);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
