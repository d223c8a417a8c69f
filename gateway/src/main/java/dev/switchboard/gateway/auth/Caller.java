package dev.switchboard.gateway.auth;

import io.vertx.ext.web.RoutingContext;

/**
 * Identifies who made a request: anonymous (auth mode {@code none}), a gateway key, or the admin.
 * Attached once to the routing context by {@link AuthHandler} and read with {@link #of}.
 *
 * @param key the gateway key, only for {@link Kind#KEY}
 */
public record Caller(Kind kind, ApiKey key) {
  /** The key id recorded for anonymous requests. */
  public static final String ANONYMOUS_ID = "anonymous";
  /** The key id of the admin. */
  public static final String ADMIN_ID = "admin";

  private static final String CONTEXT_KEY = Caller.class.getName();
  private static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, null);
  private static final Caller ADMIN = new Caller(Kind.ADMIN, null);

  /** Names the three kinds of caller. */
  public enum Kind {
    ANONYMOUS,
    KEY,
    ADMIN
  }

  public Caller {
    if ((kind == Kind.KEY) != (key != null)) {
      throw new IllegalArgumentException("a key caller needs its key, others none");
    }
  }

  /** Returns the anonymous caller. */
  public static Caller anonymous() {
    return ANONYMOUS;
  }

  /** Returns the admin. */
  public static Caller admin() {
    return ADMIN;
  }

  /** Returns a caller holding gateway key {@code key}. */
  public static Caller withKey(ApiKey key) {
    return new Caller(Kind.KEY, key);
  }

  /** Returns the caller attached to {@code ctx}; anonymous when none was attached. */
  public static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(CONTEXT_KEY);
    return caller == null ? ANONYMOUS : caller;
  }

  /** Attaches this caller to {@code ctx} for the handlers after the auth decorator. */
  public void attachTo(RoutingContext ctx) {
    ctx.put(CONTEXT_KEY, this);
  }

  /** Returns the id recorded on usage records. */
  public String keyId() {
    return switch (kind) {
      case KEY -> key.id();
      case ADMIN -> ADMIN_ID;
      case ANONYMOUS -> ANONYMOUS_ID;
    };
  }

  public boolean isAdmin() {
    return kind == Kind.ADMIN;
  }

  /** Returns the billing country of the key, or null. */
  public String country() {
    return key == null ? null : key.country();
  }

  /** Returns the continent of the key's country, or null. */
  public String continent() {
    return key == null ? null : key.continent();
  }

  /** Returns whether this caller opted in to storing request and response bodies. */
  public boolean storesBodies() {
    return key != null && key.storeBodies();
  }

  /**
   * Returns the only key whose records this caller may read in stats: its own for a gateway key,
   * null (all records) for the admin and for anonymous callers in auth mode {@code none}.
   */
  public String statsScope() {
    return kind == Kind.KEY ? key.id() : null;
  }
}
