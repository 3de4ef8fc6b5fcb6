package io.vjepastream.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** STUB: `vjepa local`, owned by the pipeline wiring; replaced there. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run ingest, trainer and embedder on a broker inside this JVM.")
public final class LocalCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
