package org.l2tp.shell;

import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
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
public class DecodeCommand implements Action {
    @Argument(index = 0, name = "file", description = "A classic pcap file", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--port", description = "UDP port of L2TP")
    int port = PcapDecodeTool.DEFAULT_PORT;

    @Option(name = "--secret", description = "Tunnel secret, to reveal hidden AVPs (never printed)", censor = true)
    String secret;

    @Override
    public Object execute() throws Exception {
        int n = PcapDecodeTool.decode(Path.of(file), port, secret == null ? null
                : secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), System.out::println);
        System.err.println(n + " L2TP packet(s)");
        return null;
    }
}
