package io.tradingbots.engine.cli;

import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that asks the engine one question and shows the answer: as text for people, or with
 * {@code --json} as the reply's protobuf JSON (what grpcurl prints). Subclasses say which call to
 * make and how to write the text.
 */
abstract class ShowCommand<R extends MessageOrBuilder> implements Callable<Integer> {

    @Mixin
    ClientOptions client;
    @Option(names = "--json", description = "Print the engine's answer as JSON (like grpcurl).")
    boolean json;
    @Spec
    CommandSpec spec;

    /** The call, on an open channel to the engine. */
    abstract R ask(ManagedChannel channel);

    abstract void print(PrintWriter out, R answer);

    @Override
    public final Integer call() throws Exception {
        return client.call(channel -> {
            R answer = ask(channel);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(JsonFormat.printer().print(answer));
            } else {
                print(out, answer);
            }
            return 0;
        });
    }
}
