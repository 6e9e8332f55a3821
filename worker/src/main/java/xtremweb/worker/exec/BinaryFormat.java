package xtremweb.worker.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import xtremweb.common.platform.Platform;

/**
 * Checks that a binary can be executed here before starting it. Needed because the JDK, like
 * {@code execvp}, hands a file the kernel refuses (ENOEXEC) to {@code /bin/sh}: a wrong-architecture
 * or junk binary would then "run" and exit 126/127, and be reported COMPLETED instead of ERROR.
 */
final class BinaryFormat {
    private static final int ELF_MACHINE_OFFSET = 18;

    private BinaryFormat() {
    }

    static void check(Path binary) throws IOException {
        byte[] head = new byte[20];
        int read;
        try (InputStream in = Files.newInputStream(binary)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read >= 2 && head[0] == '#' && head[1] == '!') {
            return; // a script: the kernel runs its interpreter
        }
        if (read >= 4 && isMachO(head)) {
            return;
        }
        if (read >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            if (read >= ELF_MACHINE_OFFSET + 2) {
                checkElfMachine(head);
            }
            return;
        }
        throw new NotExecutableException("exec format error (neither an executable of this system nor a #! script)");
    }

    private static void checkElfMachine(byte[] head) throws NotExecutableException {
        boolean littleEndian = head[5] == 1;
        int lo = head[ELF_MACHINE_OFFSET] & 0xff;
        int hi = head[ELF_MACHINE_OFFSET + 1] & 0xff;
        int machine = littleEndian ? lo | hi << 8 : hi | lo << 8;
        Set<Integer> runnable = switch (Platform.currentCpu()) {
            case "amd64" -> Set.of(62, 3);      // x86-64, i386 (compat)
            case "ix86" -> Set.of(3);
            case "aarch64" -> Set.of(183, 40);  // AArch64, ARM (compat)
            default -> Set.of();                // unknown here: let the kernel decide
        };
        if (!runnable.isEmpty() && !runnable.contains(machine)) {
            throw new NotExecutableException("exec format error (an ELF binary for machine " + machine + ", this host is "
                    + Platform.currentCpu() + ")");
        }
    }

    private static boolean isMachO(byte[] h) {
        int magic = (h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff);
        return magic == 0xfeedface || magic == 0xfeedfacf || magic == 0xcefaedfe || magic == 0xcffaedfe
                || magic == 0xcafebabe;
    }

    /** The binary cannot run on this host; the message is the reason as reported. */
    static final class NotExecutableException extends IOException {
        NotExecutableException(String message) {
            super(message);
        }
    }
}
