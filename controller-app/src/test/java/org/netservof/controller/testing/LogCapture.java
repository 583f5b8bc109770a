package org.netservof.controller.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Collects the controller's warnings and errors during a test, so integration tests can fail on any
 * OpenFlow error or exception the controller logged, not only on what they assert.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level least;

  public LogCapture() {
    this(Level.WARN);
  }

  /** Collects lines of {@code least} and above (INFO, for a test that counts what an operator reads). */
  public LogCapture(Level least) {
    this.least = least;
    setName("test-capture");
    setContext(root.getLoggerContext());
    start();
    root.addAppender(this);
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(least)) {
      events.add(event);
    }
  }

  /** Lines so far (warnings and errors unless another level was asked for), formatted. */
  public List<String> problems() {
    return events.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
        + (e.getThrowableProxy() != null ? " (" + e.getThrowableProxy().getClassName() + ": "
            + e.getThrowableProxy().getMessage() + ")" : "")).toList();
  }

  /** Warnings and errors so far that the test did not expect. */
  public List<String> unexpected(Predicate<String> expected) {
    return problems().stream().filter(expected.negate()).toList();
  }

  public void clear() {
    events.clear();
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
