package xtremweb.worker.pilot;

import xtremweb.common.http.XwApiException;
import xtremweb.common.http.XwHttpClient;
import xtremweb.common.wire.HostCredential;
import xtremweb.common.wire.HostRegistration;
import xtremweb.common.wire.PilotRegistration;
import xtremweb.worker.server.Registrar;

/**
 * Registers the pilot with its grant. A grant the server refuses (used up, expired, its account
 * removed) will never be accepted: {@link Registrar.Refused} stops the pilot instead of retrying
 * until its time limit.
 */
final class PilotRegistrar implements Registrar {
    private final String grantToken;
    private final String jobId;
    private final int cpus;

    PilotRegistrar(String grantToken, String jobId, int cpus) {
        this.grantToken = grantToken;
        this.jobId = jobId;
        this.cpus = cpus;
    }

    @Override
    public HostCredential register(XwHttpClient http, HostRegistration host) {
        // The host declares the CPUs its batch job got, not the node's: that is what it runs at once.
        HostRegistration pilot = new HostRegistration(host.hostUid(), host.name(), host.os(), host.cpu(), cpus, host.memoryBytes(),
                host.javaVersion(), host.diskBytes(), host.cpuSpeedMhz(), host.inventory(), host.hostToken());
        http.token(grantToken);
        try {
            return http.post("/api/v1/pilots/register", new PilotRegistration(pilot, jobId), HostCredential.class);
        } catch (XwApiException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw new Registrar.Refused(e);
            }
            throw e;
        } finally {
            http.token(null);
        }
    }
}
