package org.netservof.controller.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netservof.controller.testing.LabCa;
import org.projectfloodlight.openflow.types.DatapathId;

/** Which DPID a switch certificate binds: its subject's one CN, 16 hex digits, and nothing else. */
class CertificateDpidTest {

  @Test
  void aCertificateFromTheLabCaBindsTheDpidItWasMadeFor(@TempDir Path dir) throws Exception {
    LabCa ca = new LabCa(dir.resolve("lab"));
    X509Certificate cert = read(ca.switchCert(0x5e00abL));
    assertThat(CertificateDpid.of(cert.getSubjectX500Principal())).contains(DatapathId.of(0x5e00abL));
    assertThat(CertificateDpid.of(read(dir.resolve("lab/controller.pem")).getSubjectX500Principal()))
        .as("the controller's certificate binds no DPID").isEmpty();
  }

  @Test
  void theCommonNameMustBeExactlySixteenHexDigits() {
    assertThat(CertificateDpid.of(new X500Principal("CN=00000000005E00AB, OU=switch, O=lab")))
        .contains(DatapathId.of(0x5e00abL));
    assertThat(dpid("CN=5e00ab, OU=switch")).as("too short").isEmpty();
    assertThat(dpid("CN=00:00:00:00:00:5e:00:ab")).as("colons").isEmpty();
    assertThat(dpid("CN=00000000005e00ab x")).as("trailing text").isEmpty();
    assertThat(dpid("CN=000000000000005e00ab")).as("too long").isEmpty();
    assertThat(dpid("CN=00000000005e00ag")).as("not hex").isEmpty();
  }

  @Test
  void aSubjectWithNoCommonNameOrTwoBindsNothing() {
    assertThat(dpid("OU=00000000005e00ab, O=lab")).isEmpty();
    assertThat(dpid("CN=00000000005e00ab, CN=00000000005e00ac")).isEmpty();
  }

  private static java.util.Optional<DatapathId> dpid(String subject) {
    return CertificateDpid.of(new X500Principal(subject));
  }

  private static X509Certificate read(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
