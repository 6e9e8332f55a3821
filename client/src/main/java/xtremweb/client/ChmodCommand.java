package xtremweb.client;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;
import xtremweb.client.api.XwClient;
import xtremweb.common.rights.AccessRights;

/**
 * {@code xwchmod <rights> <UID|URI>...}: changes the access rights of works, data, sessions and
 * groups (owner or SUPER_USER).
 */
@Command(footer = {"", "Examples:", "  xwchmod 0x750 WORK_UID       # owner and user group may read and run it", "  xwchmod go-rwx DATA_UID SESSION_UID  # private: the owner only", "  xwchmod 755 xw://server:4325/DATA_UID"},
        name = "xwchmod", aliases = {"--xwchmod", "chmod"},
        description = "Changes access rights of works, data, sessions and groups.")
final class ChmodCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RIGHTS", description = "Like 0x750, 750, 0750 or a symbolic mode like go-rx, u+rwx, a=rx.")
    String rights;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "UID",
            description = "UIDs (or xw:// URIs) of works, data, sessions or groups.")
    List<String> uids;

    @Override
    public Integer call() {
        requireWellFormed(rights);
        XwClient client = main.connect(globals);
        return EachTarget.run(spec.commandLine(), globals.verbose, uids, uid -> {
            String changed = client.anyKind().chmod(uid, rights);
            warnIfNarrowed(uid, changed);
            return uid + " " + changed;
        });
    }

    /**
     * Misspelt rights are a usage error (2) before anything is sent: the server would refuse them
     * for each object anyway, and an object it does not find (404, exit 3) must not hide the typo.
     * A symbolic mode is well formed when it applies to any rights.
     */
    private void requireWellFormed(String mode) {
        try {
            AccessRights.PRIVATE.apply(mode);
        } catch (IllegalArgumentException e) {
            if (xtremweb.client.api.Uids.parse(mode).isPresent()) {
                // "xwchmod UID 0x750", as chmod's order is easy to forget: say the order, not "bad rights 'UID'".
                boolean swapped = uids.size() == 1 && wellFormed(uids.get(0));
                throw new ParameterException(spec.commandLine(), "'" + mode + "' is a UID, not access rights: the rights come"
                        + " first, then the UIDs, as in xwchmod " + (swapped ? uids.get(0) + " " + mode : "0x750 " + mode));
            }
            throw new ParameterException(spec.commandLine(), "bad access rights '" + mode
                    + "'; write them like 0x755, 750 or go-rx");
        }
    }

    private static boolean wellFormed(String mode) {
        try {
            AccessRights.PRIVATE.apply(mode);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The server may give less than numeric rights asked (a work never has more than its app): say
     * so on stderr, so that `xwchmod 0x777 W` answered "work 0x755" is not taken for what was asked.
     * A symbolic mode changes the rights the object had, which the client does not know: no check.
     */
    private void warnIfNarrowed(String uid, String changed) {
        if (AccessRights.isSymbolic(rights)) {
            return;
        }
        AccessRights asked = AccessRights.parse(rights);
        String[] kindAndRights = changed.split(" ");
        String granted = kindAndRights[kindAndRights.length - 1];
        if (!granted.equalsIgnoreCase(asked.toString())) {
            String kind = changed.substring(0, changed.length() - granted.length()).trim();
            spec.commandLine().getErr().println("xtremweb.client: " + kind + " " + uid + " has rights " + granted + ", not the "
                    + asked + " asked" + (kind.equals("work") ? ": a work never has more access rights than its app" : ""));
        }
    }
}
