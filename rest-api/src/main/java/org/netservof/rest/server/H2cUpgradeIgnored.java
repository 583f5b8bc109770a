package org.netservof.rest.server;

import java.io.IOException;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Answers a plain-HTTP request that offers an upgrade to HTTP/2 ({@code Upgrade: h2c}, which Java's HttpClient
 * sends by default) as the HTTP/1.1 request it also is. Grizzly otherwise takes any Upgrade header as a switch
 * of protocol: it stops reading the body by its length and answers without a Content-Type. HTTP/2 is not
 * offered, so declining the upgrade is what RFC 7230 allows. Sits right after Grizzly's HTTP codec, which
 * tells it of the upgrade before it decides how to read the request.
 */
final class H2cUpgradeIgnored extends BaseFilter implements AddOn {
  private static final String H2C = "h2c";

  @Override
  public void setup(NetworkListener listener, FilterChainBuilder builder) {
    builder.add(builder.indexOfType(HttpServerFilter.class) + 1, this);
  }

  @Override
  public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
    if (event.type() == HttpEvents.IncomingHttpUpgradeEvent.TYPE) {
      HttpHeader header = ((HttpEvents.IncomingHttpUpgradeEvent) event).getHttpHeader();
      if (H2C.equalsIgnoreCase(header.getUpgrade())) {
        header.getUpgradeDC().recycle();
        header.setIgnoreContentModifiers(false);
        header.getHeaders().removeHeader("Upgrade");
        header.getHeaders().removeHeader("HTTP2-Settings");
        return ctx.getStopAction(); // nobody upstream is to see an upgrade that did not happen
      }
    }
    return ctx.getInvokeAction();
  }
}
