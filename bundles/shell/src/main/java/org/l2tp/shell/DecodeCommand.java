package org.l2tp.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.l2tp.codec.pcap.PcapDecodeTool;

@Command(scope = "l2tp", name = "decode", description = "Decodes the L2TP packets of a pcap capture, one JSON "
        + "object per packet (as bin/l2tp-decode).")
@Service
public class DecodeCommand extends BaseCommand {
    @Argument(index = 0, name = "file", description = "A classic pcap file", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--port", description = "UDP port of L2TP, 1-65535")
    String port = String.valueOf(PcapDecodeTool.DEFAULT_PORT);

    @Option(name = "--secret", description = "Tunnel secret, to reveal hidden AVPs (never printed)", censor = true)
    String secret;

    @Override
    protected Object run() throws Exception {
        int p = number("--port", port, 1, 65535, "a UDP port");
        int n;
        try {
            n = PcapDecodeTool.decode(Path.of(file), p, secret == null ? null
                    : secret.getBytes(StandardCharsets.UTF_8), System.out::println);
        } catch (NoSuchFileException e) {
            throw error("no file " + file);
        } catch (AccessDeniedException e) {
            throw error("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw error("cannot decode " + file + ": " + e.getMessage(), e);
        }
        System.err.println(n + " L2TP packet(s)");
        return null;
    }
}
