package dev.switchboard.gateway.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

/**
 * Makes a service-account key file like the ones Google Cloud issues (a fresh RSA key, so no
 * secret is checked in) and checks the JWT assertions signed with it.
 */
final class ServiceAccountKey {
  static final String CLIENT_EMAIL = "switchboard@acme-ai.iam.gserviceaccount.com";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KeyPair keys;
  private final Path file;

  private ServiceAccountKey(KeyPair keys, Path file) {
    this.keys = keys;
    this.file = file;
  }

  /** Writes a key file to {@code file} whose {@code token_uri} is {@code tokenUri}. */
  static ServiceAccountKey write(Path file, String tokenUri) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair keys = generator.generateKeyPair();
      String pem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(keys.getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n";
      ObjectNode json = JSON.createObjectNode();
      json.put("type", "service_account");
      json.put("project_id", "acme-ai");
      json.put("private_key_id", "3f1b0c0e9d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c");
      json.put("private_key", pem);
      json.put("client_email", CLIENT_EMAIL);
      json.put("client_id", "112233445566778899001");
      json.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
      json.put("token_uri", tokenUri);
      Files.writeString(file, JSON.writeValueAsString(json));
      return new ServiceAccountKey(keys, file);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Path file() {
    return file;
  }

  /** Returns the claims of {@code jwt} after checking its RS256 signature with this key. */
  JsonNode verifiedClaims(String jwt) {
    String[] parts = jwt.split("\\.");
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(keys.getPublic());
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        throw new AssertionError("JWT signature does not verify");
      }
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      if (!"RS256".equals(header.path("alg").asText())) {
        throw new AssertionError("JWT not RS256: " + header);
      }
      return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
