package org.scopeflow.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.model.config.FacilityConfig;
import org.scopeflow.server.ScopeflowServer;
import org.scopeflow.server.ServerSettings;
import org.scopeflow.server.ServerStartException;
import org.scopeflow.server.auth.AccountStore;
import org.scopeflow.server.auth.AdminBootstrap;
import org.scopeflow.server.auth.PasswordHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scopeflow server}: the REST API and web dashboard over the configured catalog, until
 * Ctrl-C. On first start it creates the account {@code admin} and prints its password once.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the Scopeflow server (REST API, web dashboard, live updates) until Ctrl-C.")
final class ServerCommand implements Callable<Integer> {
    @Mixin
    FacilityOptions options;
    @Option(names = "--port", paramLabel = "N", description = "TCP port to listen on. Default: http_port of the configuration (8080).")
    Integer port;
    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Interface to listen on. Default: ${DEFAULT-VALUE} (all); 127.0.0.1 for this machine only.")
    String host;
    @Option(names = "--no-pipelines",
            description = "Do not run the pipeline engine in this server (e.g. when another host runs it on the same catalog).")
    boolean noPipelines;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        FacilityConfig config = options.load();
        PrintWriter out = spec.commandLine().getOut();
        Catalog catalog = CatalogAccess.open(config);
        ScopeflowServer server = null;
        ServerPipelines pipelines;
        try {
            AdminBootstrap.ensureAdmin(new AccountStore(catalog.jdbi(), catalog.clock()), new PasswordHasher())
                    .ifPresent(password -> out.println("Created the facility admin account: user 'admin', password '" + password
                            + "'. It is shown only this once; change it with 'scopeflow user passwd admin'."));
            FacilitySync.apply(config, catalog).forEach(w -> spec.commandLine().getErr().println("warning: " + w));
            server = ScopeflowServer.create(ServerSettings.of(port != null ? port : config.httpPort(), config.storageRoots())
                    .withHost(host), catalog);
            int listening = server.start();
            pipelines = noPipelines ? null : ServerPipelines.start(config, catalog, options.file() != null ? options.file().toString() : "configuration");
            out.println("Scopeflow server on http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + listening + "/ (Ctrl-C to stop)");
            out.flush();
        } catch (ServerStartException e) {
            catalog.close();
            throw new UserFacingException(e.getMessage(), ExitCodes.FAILED, e);
        } catch (RuntimeException e) {
            if (server != null) {
                server.stop();
            }
            catalog.close();
            throw e;
        }
        ServerPipelines running = pipelines;
        CountDownLatch stopped = new CountDownLatch(1);
        ScopeflowServer started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (running != null) {
                running.close();
            }
            started.stop();
            catalog.close();
            stopped.countDown();
        }, "scopeflow-server-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }
}
