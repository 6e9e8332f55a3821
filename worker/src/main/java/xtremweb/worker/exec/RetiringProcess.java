package xtremweb.worker.exec;

import java.util.concurrent.TimeUnit;

/**
 * A kept sandbox's process as a job's owner ({@code RunningTask}) holds it: a kill through it marks the
 * sandbox unusable before the signal, so a killed sandbox is never handed to the next job while
 * the kernel has not reaped it yet ({@code isAlive()} still true for a moment).
 */
final class RetiringProcess extends Process {
    private final Process delegate;
    private final Runnable retire;

    RetiringProcess(Process delegate, Runnable retire) {
        this.delegate = delegate;
        this.retire = retire;
    }

    @Override
    public java.io.OutputStream getOutputStream() {
        return delegate.getOutputStream();
    }

    @Override
    public java.io.InputStream getInputStream() {
        return delegate.getInputStream();
    }

    @Override
    public java.io.InputStream getErrorStream() {
        return delegate.getErrorStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
        return delegate.waitFor();
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.waitFor(timeout, unit);
    }

    @Override
    public int exitValue() {
        return delegate.exitValue();
    }

    @Override
    public void destroy() {
        retire.run();
        delegate.destroy();
    }

    @Override
    public Process destroyForcibly() {
        retire.run();
        delegate.destroyForcibly();
        return this;
    }

    @Override
    public boolean isAlive() {
        return delegate.isAlive();
    }

    @Override
    public long pid() {
        return delegate.pid();
    }

    @Override
    public ProcessHandle toHandle() {
        return delegate.toHandle();
    }

    @Override
    public java.util.stream.Stream<ProcessHandle> children() {
        return delegate.children();
    }

    @Override
    public java.util.stream.Stream<ProcessHandle> descendants() {
        return delegate.descendants();
    }

    @Override
    public ProcessHandle.Info info() {
        return delegate.info();
    }
}
