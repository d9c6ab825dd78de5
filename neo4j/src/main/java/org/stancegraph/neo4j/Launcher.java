package org.stancegraph.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community with Bolt on loopback, for development and tests on machines without Docker.
 *
 * <p>Arguments (each also read from the environment; arguments win):
 * --port (NEO4J_LAUNCHER_PORT, default 7687), --data (NEO4J_LAUNCHER_DATA, default ./data),
 * --password (NEO4J_LAUNCHER_PASSWORD; empty or absent = auth disabled),
 * --plugins (NEO4J_LAUNCHER_PLUGINS, default target/plugins next to the classes),
 * --pagecache-mb (NEO4J_LAUNCHER_PAGECACHE_MB, default 256),
 * --watch-stdin (NEO4J_LAUNCHER_WATCH_STDIN=true): stop when standard input closes, so a parent process
 * that dies without stopping us (kill -9, a crashed test runner) never leaves an orphaned database.
 *
 * <p>Prints one line "NEO4J READY bolt://127.0.0.1:PORT" when Bolt accepts connections, and shuts the
 * store down cleanly on SIGTERM/SIGINT, printing "NEO4J STOPPED".
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    int port = Integer.parseInt(option(options, "port", "NEO4J_LAUNCHER_PORT", "7687"));
    if (port < 1 || port > 65535) {
      fail("port must be between 1 and 65535, got " + port);
    }
    Path data = Path.of(option(options, "data", "NEO4J_LAUNCHER_DATA", "data")).toAbsolutePath();
    String password = option(options, "password", "NEO4J_LAUNCHER_PASSWORD", "");
    Path plugins = Path.of(option(options, "plugins", "NEO4J_LAUNCHER_PLUGINS", defaultPluginDir())).toAbsolutePath();
    long pageCacheMb = Long.parseLong(option(options, "pagecache-mb", "NEO4J_LAUNCHER_PAGECACHE_MB", "256"));
    if (pageCacheMb < 16) {
      fail("pagecache-mb must be at least 16, got " + pageCacheMb);
    }
    Files.createDirectories(data);
    Files.createDirectories(plugins);

    log("starting Neo4j Community (data " + data + ", bolt 127.0.0.1:" + port + ")");
    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(data)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
        .setConfig(HttpConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.auth_enabled, !password.isEmpty())
        .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
        .setConfig(GraphDatabaseSettings.procedure_unrestricted, java.util.List.of("apoc.*"))
        // Explicit memory: the defaults take a large share of RAM on a small machine. A large store (the benchmark's
        // L) is given a page cache that holds it, as a deployment of that size would be.
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
        .setConfig(GraphDatabaseSettings.tx_state_max_off_heap_memory, ByteUnit.mebiBytes(256))
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60))
        .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
        .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log("stopping Neo4j");
      dbms.shutdown();
      System.out.println("NEO4J STOPPED");
      System.out.flush();
      stopped.countDown();
    }, "neo4j-shutdown"));

    try {
      GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
      if (!password.isEmpty()) {
        setPassword(dbms, password);
      }
      db.executeTransactionally("RETURN 1");
    } catch (RuntimeException e) {
      System.err.println("[neo4j-launcher] Neo4j started but is not usable: " + e.getMessage());
      System.exit(1);
    }
    System.out.println("NEO4J READY bolt://127.0.0.1:" + port);
    System.out.flush();
    if (Boolean.parseBoolean(option(options, "watch-stdin", "NEO4J_LAUNCHER_WATCH_STDIN", "false"))) {
      Thread watcher = new Thread(() -> {
        try {
          while (System.in.read() != -1) {
            // Input is ignored; only its end matters.
          }
        } catch (java.io.IOException ignored) {
          // A broken pipe means the parent is gone, as does end of input.
        }
        log("standard input closed: the parent process is gone");
        System.exit(0);
      }, "stdin-watcher");
      watcher.setDaemon(true);
      watcher.start();
    }
    stopped.await();
  }

  /** Sets the neo4j user's password through the system database; a restart with the same one is a no-op. */
  private static void setPassword(DatabaseManagementService dbms, String password) {
    GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    try {
      system.executeTransactionally(
          "ALTER USER neo4j IF EXISTS SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
          Map.of("password", password));
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (String.valueOf(cause.getMessage()).contains("Old password and new password cannot be the same")) {
          return;
        }
      }
      throw e;
    }
  }

  private static String defaultPluginDir() {
    // target/classes -> target/plugins, where `mvn package` copies APOC core.
    try {
      Path classes = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return classes.resolveSibling("plugins").toString();
    } catch (Exception e) {
      return "plugins";
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        fail("unexpected argument " + arg);
      }
      String key = arg.substring(2);
      if (key.equals("watch-stdin")) {
        options.put(key, "true");
        continue;
      }
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        fail("missing value for " + arg);
        return options;
      }
      if (!key.equals("port") && !key.equals("data") && !key.equals("password") && !key.equals("plugins") && !key.equals("pagecache-mb")) {
        fail("unknown option --" + key + " (known: --port, --data, --password, --plugins, --pagecache-mb, --watch-stdin)");
      }
      options.put(key, value);
    }
    return options;
  }

  private static String option(Map<String, String> options, String key, String env, String fallback) {
    if (options.containsKey(key)) {
      return options.get(key);
    }
    String fromEnv = System.getenv(env);
    return fromEnv != null && !fromEnv.isEmpty() ? fromEnv : fallback;
  }

  private static void log(String message) {
    System.out.println("[neo4j-launcher] " + message);
    System.out.flush();
  }

  private static void fail(String message) {
    System.err.println("[neo4j-launcher] " + message);
    System.exit(2);
  }
}
