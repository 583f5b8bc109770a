package org.netservof.controller.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class whose code leaked a Netty buffer. The build runs tests with leak detection at
 * {@code paranoid}, so every buffer is tracked; Netty reports a leak when a collected buffer was never
 * released. After the class, this forces a collection, lets Netty look, and fails on any report.
 */
public final class NoNettyLeaks implements BeforeAllCallback, AfterAllCallback {
  private static final String DETECTOR = "io.netty.util.ResourceLeakDetector";
  private final ListAppender<ILoggingEvent> reports = new ListAppender<>();

  @Override
  public void beforeAll(ExtensionContext context) {
    Logger logger = (Logger) LoggerFactory.getLogger(DETECTOR);
    reports.setContext(logger.getLoggerContext());
    reports.start();
    logger.addAppender(reports);
  }

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    for (int round = 0; round < 3; round++) {
      System.gc();
      Thread.sleep(50);
      // Leaks are reported when the detector next tracks a buffer.
      for (int i = 0; i < 100; i++) {
        ByteBuf a = UnpooledByteBufAllocator.DEFAULT.buffer(8);
        ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(8);
        a.release();
        b.release();
      }
    }
    ((Logger) LoggerFactory.getLogger(DETECTOR)).detachAppender(reports);
    List<String> leaks = reports.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains("LEAK")).toList();
    if (!leaks.isEmpty()) {
      throw new AssertionError("Netty buffers leaked in " + context.getDisplayName() + ":\n" + String.join("\n", leaks));
    }
  }
}
