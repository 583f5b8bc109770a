/**
 * What a URL taken from a request (a module's JAR, a notification) may reach, enforced on both ends: the
 * controller checks a URL before it asks any node, the node (and the controller's notifier) again at the
 * address it connects to. {@link org.netservof.protocol.url.UrlPolicy} is the rule,
 * {@link org.netservof.protocol.url.SpecialAddresses} the address ranges it refuses, and
 * {@link org.netservof.protocol.url.GuardedHttp} the one HTTP client that applies both: resolve once, check,
 * connect to that address, no redirects, a size cap and a deadline for the whole exchange.
 */
package org.netservof.protocol.url;
