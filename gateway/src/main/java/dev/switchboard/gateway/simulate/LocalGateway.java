package dev.switchboard.gateway.simulate;

import dev.switchboard.config.AuthConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.config.SimulationConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.catalog.ModelCatalog;
import dev.switchboard.config.catalog.ModelInfo;
import dev.switchboard.gateway.Gateway;
import dev.switchboard.gateway.demo.DemoConfig;
import dev.switchboard.gateway.demo.DemoModelProfile;
import dev.switchboard.gateway.demo.SimulatedUpstream;
import dev.switchboard.gateway.simulate.scenario.ModelSpec;
import dev.switchboard.gateway.simulate.scenario.Scenario;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a gateway in simulation mode in this process, in front of simulated upstreams serving a
 * scenario's models (and the demo's), with an admin key generated for this run that only the
 * in-process simulator is given. Clients still need no key (auth mode {@code none}).
 */
public final class LocalGateway {
  // a year of simulated streams in a minute: fewer, larger events than a live provider sends
  private static final int WORDS_PER_CHUNK = 24;
  private final SimulatedUpstream upstream;
  private final Gateway gateway;
  private final String adminKey;
  private final String host;

  private LocalGateway(SimulatedUpstream upstream, Gateway gateway, String adminKey, String host) {
    this.upstream = upstream;
    this.gateway = gateway;
    this.adminKey = adminKey;
    this.host = host;
  }

  /**
   * Starts the upstream and the gateway.
   *
   * @param port the gateway's port (0 picks a free one)
   * @param latencyScale multiplies every model's latencies (0: answer at once)
   */
  public static Future<LocalGateway> start(
      Vertx vertx, Scenario scenario, Path store, int port, double latencyScale) {
    SimulatedUpstream upstream = new SimulatedUpstream(profiles(scenario, latencyScale), Clock.systemUTC(), WORDS_PER_CHUNK);
    String adminKey = "sk-sb-sim-admin-" + HexFormat.of().formatHex(random(24));
    return upstream.start(vertx, 0).compose(upstreamPort -> {
      SwitchboardConfig base = DemoConfig.create(upstreamPort, store, routes(scenario));
      SwitchboardConfig config = base
          .withServer(base.server().withPort(port))
          .withAuth(new AuthConfig(AuthConfig.AuthMode.NONE, SecretRef.parse(adminKey)))
          .withSimulation(new SimulationConfig(true));
      return Gateway.start(vertx, config, Clock.systemUTC())
          .map(g -> new LocalGateway(upstream, g, adminKey, config.server().host()))
          .onFailure(t -> upstream.stop());
    });
  }

  /** Returns the upstream profiles: the demo's six, then each scenario model's behaviour. */
  public static List<DemoModelProfile> profiles(Scenario scenario, double latencyScale) {
    ModelCatalog catalog = ModelCatalog.loadDefault();
    List<DemoModelProfile> profiles = new ArrayList<>(DemoModelProfile.defaults());
    for (ModelSpec m : scenario.models()) {
      boolean reasoning = catalog.find(m.id()).map(ModelInfo::reasoning).map(Boolean.TRUE::equals).orElse(false);
      profiles.add(scaled(m.behaviour().profile(m.id(), reasoning), latencyScale));
    }
    return profiles;
  }

  /** Returns the routes: every scenario model to the upstream profile named like it. */
  public static Map<String, String> routes(Scenario scenario) {
    Map<String, String> routes = new LinkedHashMap<>();
    scenario.models().forEach(m -> routes.put(m.id(), m.id()));
    return routes;
  }

  private static DemoModelProfile scaled(DemoModelProfile p, double scale) {
    if (scale <= 0) {
      return p.instant();
    }
    return new DemoModelProfile(p.model(), Duration.ofNanos((long) (p.timeToFirstToken().toNanos() * scale)),
        p.tokensPerSecond() / scale, p.meanCompletionTokens(), p.reasoning(), p.toolCallProbability(),
        p.reasoningShare(), p.answersToLimit(), p.faults());
  }

  private static byte[] random(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return b;
  }

  /** Returns the gateway's base URL ({@code http://host:port}). */
  public URI base() {
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return URI.create("http://" + shown + ":" + gateway.port());
  }

  /** Returns the admin key generated for this run; give it to the in-process simulator only. */
  public String adminKey() {
    return adminKey;
  }

  /** Returns the running gateway. */
  public Gateway gateway() {
    return gateway;
  }

  /** Stops the gateway (flushing its records) and the upstream. */
  public Future<Void> stop() {
    return gateway.stop().eventually(upstream::stop);
  }
}
