package xtremweb.common.volunteer;

/**
 * What the owner asks of the worker from the window. The worker takes each new revision at its next
 * poll and says in its status whether it did ({@link WorkerStatus#controlRevision()}).
 *
 * @param revision       grows with every change, so the window can tell when the worker took it
 * @param paused         no new work while true; running tasks may finish
 * @param activatorClass the activation policy the owner chose ({@code activator.class} names, comma
 *                       separated); absent: the configuration file's
 * @param activatorDate  {@code activator.date} for a DateActivator the owner chose
 */
public record OwnerControl(long revision, boolean paused, String activatorClass, String activatorDate) {
    public static final OwnerControl NONE = new OwnerControl(0, false, null, null);

    public OwnerControl {
        if (revision < 0) {
            throw new IllegalArgumentException("a control revision is never negative: " + revision);
        }
        activatorClass = activatorClass == null || activatorClass.isBlank() ? null : activatorClass.trim();
        activatorDate = activatorDate == null || activatorDate.isBlank() ? null : activatorDate.trim();
    }

    /** Whether the owner replaced the configuration file's activation policy. */
    public boolean ownPolicy() {
        return activatorClass != null;
    }
}
