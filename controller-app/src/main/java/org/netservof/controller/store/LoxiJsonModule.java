package org.netservof.controller.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.function.Function;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv4AddressWithMask;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

/**
 * Loxi's values in stored JSON: addresses and ids as the text people read ({@code 00:00:00:00:00:00:00:01},
 * {@code 10.0.0.0/24}), ports as their number, and an OpenFlow message as its wire bytes in base64, read
 * back with Loxi's generic reader, so a stored message is exactly the one that was pushed, in its version.
 */
final class LoxiJsonModule extends SimpleModule {

  LoxiJsonModule() {
    super("netserv-loxi");
    text(DatapathId.class, DatapathId::toString, DatapathId::of);
    text(MacAddress.class, MacAddress::toString, MacAddress::of);
    text(IPv4Address.class, IPv4Address::toString, IPv4Address::of);
    text(IPv4AddressWithMask.class, IPv4AddressWithMask::toString, IPv4AddressWithMask::of);
    text(OFPort.class, p -> Integer.toUnsignedString(p.getPortNumber()),
        s -> OFPort.of(Integer.parseUnsignedInt(s)));
    text(U64.class, u -> Long.toUnsignedString(u.getValue()), s -> U64.of(Long.parseUnsignedLong(s)));
    text(OFMessage.class, LoxiJsonModule::wireBase64, LoxiJsonModule::fromBase64);
  }

  private <T> void text(Class<T> type, Function<T, String> write, Function<String, T> read) {
    addSerializer(type, new StdSerializer<T>(type) {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(write.apply(value));
      }
    });
    addDeserializer(type, new StdDeserializer<T>(type) {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = p.getValueAsString();
        try {
          return read.apply(text);
        } catch (RuntimeException e) {
          return type.cast(ctxt.handleWeirdStringValue(type, text, "not a %s: %s", type.getSimpleName(),
              e.getMessage()));
        }
      }
    });
  }

  private static String wireBase64(OFMessage message) {
    ByteBuf buf = Unpooled.buffer();
    try {
      message.writeTo(buf);
      return java.util.Base64.getEncoder().encodeToString(ByteBufUtil.getBytes(buf));
    } finally {
      buf.release();
    }
  }

  private static OFMessage fromBase64(String text) {
    try {
      return OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(java.util.Base64.getDecoder()
          .decode(text)));
    } catch (OFParseError e) {
      throw new IllegalArgumentException("not an OpenFlow message: " + e.getMessage(), e);
    }
  }
}
