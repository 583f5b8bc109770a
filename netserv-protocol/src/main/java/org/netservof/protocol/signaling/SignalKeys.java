package org.netservof.protocol.signaling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Users' Ed25519 keys, with the JDK's own EdDSA: PEM files in the formats OpenSSL reads and writes (PKCS#8
 * private keys, X.509 SubjectPublicKeyInfo public keys), and the signature over a message's signed bytes.
 */
public final class SignalKeys {
  private static final String ALGORITHM = "Ed25519";

  private SignalKeys() {}

  /** Writes a new key pair: the private key to {@code file} (mode 600), the public key to {@code file.pub}. */
  public static KeyPair generate(Path file) throws IOException {
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(publicFile(file), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    return pair;
  }

  public static Path publicFile(Path privateFile) {
    return privateFile.resolveSibling(privateFile.getFileName() + ".pub");
  }

  public static PublicKey readPublic(Path file) throws IOException {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(unpem(file, "PUBLIC KEY")));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(file + " holds no Ed25519 public key: " + e.getMessage(), e);
    }
  }

  public static PrivateKey readPrivate(Path file) throws IOException {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(unpem(file, "PRIVATE KEY")));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(file + " holds no Ed25519 private key: " + e.getMessage(), e);
    }
  }

  /** The base64 signature of {@code signedBytes}. */
  public static String sign(PrivateKey key, byte[] signedBytes) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key);
      s.update(signedBytes);
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
    }
  }

  /** Whether {@code signature} (base64) is the key's signature of {@code signedBytes}. */
  public static boolean verify(PublicKey key, byte[] signedBytes, String signature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(signedBytes);
      return s.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Signs a request: adds its {@code signature} header, last, over the request encoded without one. */
  public static SignalRequest signed(SignalRequest request, PrivateKey key) {
    SignalRequest unsigned = request.without("signature");
    return unsigned.with("signature", sign(key, SignalCodec.encode(unsigned)));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  private static byte[] unpem(Path file, String type) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException(file + " is not a PEM file with a " + type);
    }
    return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
  }
}
