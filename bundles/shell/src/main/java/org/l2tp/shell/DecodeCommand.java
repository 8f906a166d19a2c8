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

@Command(scope = "l2tp", name = "decode", description = "Decodes the L2TP packets of a pcap or pcapng capture, one JSON "
        + "object per packet (as bin/l2tp-decode).")
@Service
public class DecodeCommand extends BaseCommand {
    @Argument(index = 0, name = "file", description = "A pcap or pcapng capture", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--port", description = "UDP port of L2TP, 1-65535")
    String port = String.valueOf(PcapDecodeTool.DEFAULT_PORT);

    @Option(name = "--secret", description = "Tunnel secret, to reveal hidden AVPs (never printed)", censor = true)
    String secret;

    @Override
    protected Object run() throws Exception {
        int p = number("--port", port, 1, 65535, "a UDP port");
        PcapDecodeTool.Summary summary;
        try {
            summary = PcapDecodeTool.scan(Path.of(file), p, secret == null ? null
                    : secret.getBytes(StandardCharsets.UTF_8), System.out::println);
        } catch (NoSuchFileException e) {
            throw error("no file " + file);
        } catch (AccessDeniedException e) {
            throw error("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw error("cannot decode " + file + ": " + e.getMessage(), e);
        }
        // Nothing found: say what the file held instead (link types, UDP ports), as bin/l2tp-decode does.
        System.err.println(summary.l2tpFrames() > 0 ? summary.l2tpFrames() + " L2TP packet(s)"
                : summary.noL2tp(file, p));
        return null;
    }
}
