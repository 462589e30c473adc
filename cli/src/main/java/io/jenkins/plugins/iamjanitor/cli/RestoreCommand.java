package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import io.jenkins.plugins.iamjanitor.integrations.aws.SessionNames;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Recreates a deleted user from a backup written by `delete`: path, tags, permissions boundary, "
                + "groups, attached and inline policies, SSH public keys and signing certificates.",
                "Dry-run unless --execute is given. Always prints what cannot come back."})
final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A backup file written by `iam-janitor delete`.")
    Path file;

    @Option(names = "--execute", description = "Really recreate the user. Without it: print what would happen.")
    boolean execute;

    @Option(names = "--permissions-boundary", paramLabel = "POLICY_ARN",
            description = "Recreate the user with this permissions boundary instead of the backup's (the restore "
                    + "policy in docs/aws.md only lets restore create users that carry its boundary).")
    String boundary;

    @Mixin
    TargetOptions target = new TargetOptions();

    private final Clock clock;

    RestoreCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = file.toAbsolutePath().getParent();
        BackupStore.Backup backup = new JsonBackupStore(dir, clock).read(file.toString());
        UserSnapshot s = boundary == null ? backup.snapshot() : withBoundary(backup.snapshot(), boundary);
        out.println((execute ? "Restoring " : "DRY RUN - would restore ") + s.userName() + " (" + s.arn() + ")"
                + (backup.approval() == null ? "" : ", deleted with approval of " + backup.approval().approverId()
                        + " via " + backup.approval().channel()));
        recreated(s).forEach(line -> out.println("  + " + line));
        out.println("Cannot come back:");
        lost(s).forEach(line -> out.println("  - " + line));
        if (!execute) {
            out.println("Nothing was changed. Add --execute to restore.");
            out.flush();
            return 0;
        }
        String runner = SessionNames.forRunner(System.getProperty("user.name"));
        try (Target t = Target.open(target, runner, line -> ScanCommand.progress(err, line))) {
            List<String> notes = t.admin().restore(s);
            out.println("Restored " + s.userName() + ".");
            if (!notes.isEmpty()) {
                out.println("Notes from IAM:");
                notes.forEach(line -> out.println("  ! " + line));
            }
        }
        out.flush();
        return 0;
    }

    /** The backup with another boundary: caps whatever policies and groups come back with the user. */
    static UserSnapshot withBoundary(UserSnapshot s, String arn) {
        if (!arn.startsWith("arn:aws") || !arn.contains(":policy/")) {
            throw new UsageException("--permissions-boundary must be a policy ARN, got '" + arn + "'");
        }
        return new UserSnapshot(s.userName(), s.userId(), s.arn(), s.path(), s.createDate(), s.tags(), arn,
                s.groups(), s.attachedPolicyArns(), s.inlinePolicies(), s.loginProfile(), s.accessKeys(),
                s.mfaDevices(), s.sshPublicKeys(), s.signingCertificates(), s.serviceSpecificCredentials());
    }

    static List<String> recreated(UserSnapshot s) {
        List<String> out = new ArrayList<>();
        out.add("user " + s.userName() + " at path " + s.path() + (s.tags().isEmpty() ? ""
                : " with " + s.tags().size() + " tag(s)"));
        if (s.permissionsBoundaryArn() != null) {
            out.add("permissions boundary " + s.permissionsBoundaryArn());
        }
        s.groups().forEach(g -> out.add("membership of group " + g));
        s.attachedPolicyArns().forEach(p -> out.add("attached policy " + p));
        s.inlinePolicies().keySet().stream().sorted().forEach(p -> out.add("inline policy " + p));
        s.sshPublicKeys().forEach(k -> out.add("SSH public key (was " + k.sshPublicKeyId() + ", " + k.status()
                + ")"));
        s.signingCertificates().forEach(c -> out.add("signing certificate (was " + c.certificateId() + ", "
                + c.status() + ")"));
        return out;
    }

    static List<String> lost(UserSnapshot s) {
        List<String> out = new ArrayList<>();
        out.add("the unique id " + s.userId() + ": IAM issues a new one, so policies naming the old id no longer "
                + "match");
        s.accessKeys().forEach(k -> out.add("access key " + k.accessKeyId() + ": secrets are never backed up; "
                + "issue a new key"));
        if (s.loginProfile()) {
            out.add("the console password: set a new one (CreateLoginProfile)");
        }
        s.mfaDevices().forEach(m -> out.add("MFA device " + m.serialNumber() + ": its seed is gone; enrol again"));
        s.serviceSpecificCredentials().forEach(c -> out.add("service-specific credential "
                + c.serviceSpecificCredentialId() + " for " + c.serviceName() + ": create a new one"));
        out.add("the original creation date (" + s.createDate() + ") and last-used history");
        return out;
    }
}
