package dev.switchboard.config;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds a secret as written in config: a literal or a {@code ${VAR}} reference resolved from the
 * environment when first needed, so that a missing variable only matters for providers in use.
 * Never prints its value.
 */
public final class SecretRef {
  private static final Pattern ENV_REF = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)}$");
  private static final SecretRef NONE = new SecretRef(null, null);

  private final String literal;
  private final String envVar;

  private SecretRef(String literal, String envVar) {
    this.literal = literal;
    this.envVar = envVar;
  }

  /** Parses a config value: {@code ${VAR}} becomes an environment reference, anything else a literal. */
  public static SecretRef parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      return NONE;
    }
    Matcher m = ENV_REF.matcher(raw.trim());
    return m.matches() ? new SecretRef(null, m.group(1)) : new SecretRef(raw, null);
  }

  /** Returns a reference to no secret (providers that need no key, like a local Ollama). */
  public static SecretRef none() {
    return NONE;
  }

  /** Returns the environment variable this secret comes from, if any. */
  public Optional<String> envVar() {
    return Optional.ofNullable(envVar);
  }

  /** Returns whether the config named a secret at all. */
  public boolean isPresent() {
    return literal != null || envVar != null;
  }

  /**
   * Resolves the secret.
   *
   * @throws MissingSecretException when it names an environment variable that is not set
   */
  public Optional<String> resolve(Function<String, String> env) {
    if (literal != null) {
      return Optional.of(literal);
    }
    if (envVar == null) {
      return Optional.empty();
    }
    String value = env.apply(envVar);
    if (value == null || value.isEmpty()) {
      throw new MissingSecretException(envVar);
    }
    return Optional.of(value);
  }

  /** Resolves the secret from the process environment. */
  public Optional<String> resolve() {
    return resolve(System::getenv);
  }

  /** Compares what the config wrote (same literal or same variable), never a resolved value. */
  @Override
  public boolean equals(Object other) {
    return other instanceof SecretRef that
        && Objects.equals(literal, that.literal)
        && Objects.equals(envVar, that.envVar);
  }

  @Override
  public int hashCode() {
    return Objects.hash(literal, envVar);
  }

  @Override
  public String toString() {
    return envVar != null ? "${" + envVar + "}" : literal != null ? "***" : "<none>";
  }

  /** Signals that a secret's environment variable is not set. */
  public static final class MissingSecretException extends RuntimeException {
    private final String variable;

    public MissingSecretException(String variable) {
      super("environment variable " + variable + " is not set");
      this.variable = variable;
    }

    public String variable() {
      return variable;
    }
  }
}
