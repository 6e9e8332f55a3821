package xtremweb.bridge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xtremweb.client.api.XwClient;
import xtremweb.common.wire.PilotDemand;
import xtremweb.common.wire.PilotGrant;
import xtremweb.common.wire.PilotGrantRequest;

/**
 * One round of the bridge: read the demand (the pending works its identity may run) and the
 * pilots the batch system holds for this bridge, decide ({@link Planner}), cancel the queued
 * pilots no work needs, submit new ones with a fresh grant, and say what was done in one log line.
 * Everything it counts comes from the server and the batch system, nothing from memory, so a
 * restarted bridge carries on where the previous one stopped.
 */
final class Bridge {
    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
    private final BridgeConfig config;
    private final XwClient client;
    private final BatchSystem batch;
    private final Planner planner;
    private final PilotFiles files;

    Bridge(BridgeConfig config, XwClient client, BatchSystem batch) {
        this.config = config;
        this.client = client;
        this.batch = batch;
        this.planner = new Planner(config.maxPilots(), config.perRound(), config.slurm().cpus());
        this.files = new PilotFiles(config);
    }

    /** What one round saw and did. */
    record Round(long pending, int queued, int running, int submitted, String arrayId, int cancelled) {
    }

    Round round() throws IOException {
        PilotDemand demand = client.pilots().demand(config.pilotOs(), config.pilotCpu());
        List<PilotJob> pilots = batch.list();
        List<PilotJob> queued = pilots.stream().filter(p -> p.state() == PilotJob.State.QUEUED).toList();
        int running = (int) pilots.stream().filter(p -> p.state() == PilotJob.State.RUNNING).count();
        Planner.Decision decision = planner.decide(demand.pending(), queued.size(), running);

        // The newest queued pilots go first: the oldest are nearest to a node.
        List<String> cancel = queued.stream().sorted(Comparator.comparing(Bridge::order).reversed()).limit(decision.cancel())
                .map(PilotJob::jobId).toList();
        batch.cancel(cancel);

        String arrayId = null;
        if (decision.submit() > 0) {
            PilotGrant grant = client.pilots().grant(new PilotGrantRequest(config.cluster(), decision.submit(),
                    config.lifetime().toSeconds(), config.registerWithin().toSeconds()));
            Path dir = files.prepare(grant);
            arrayId = batch.submit(decision.submit(), dir.resolve("pilot.sh"), files.scratch(), files.logs());
            files.submitted(dir, arrayId);
        }
        Set<String> live = pilots.stream().map(PilotJob::arrayId).collect(Collectors.toCollection(java.util.HashSet::new));
        if (arrayId != null) {
            live.add(arrayId);
        }
        files.removeEnded(live);
        Round round = new Round(demand.pending(), queued.size(), running, decision.submit(), arrayId, cancel.size());
        LOG.info("round: {} pending work(s) '{}' may run ({} worker) on {}/{}; pilots on {}: {} queued, {} running (at most {});"
                        + " submitted {}{}, cancelled {}{}", demand.pending(), demand.login(), demand.scope().toLowerCase(java.util.Locale.ROOT),
                demand.os(), demand.cpu(), config.cluster(), queued.size(), running, config.maxPilots(), round.submitted(),
                arrayId == null ? "" : " (" + batch.name() + " array " + arrayId + ")", round.cancelled(),
                cancel.isEmpty() ? "" : " " + cancel);
        return round;
    }

    /** Array id then task number, numerically, so that 12_10 comes after 12_9. */
    private static long order(PilotJob job) {
        String[] parts = job.jobId().split("_", 2);
        try {
            long array = Long.parseLong(parts[0]);
            long task = parts.length > 1 && parts[1].matches("[0-9]+") ? Long.parseLong(parts[1]) : 0;
            return array * 1_000_000L + task;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
