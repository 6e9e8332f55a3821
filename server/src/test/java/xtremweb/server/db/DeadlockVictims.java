package xtremweb.server.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Connections whose commit answers as MariaDB does to a deadlock's victim (1213) when their
 * transaction ran a statement starting as named by {@link #next}, as many times as asked; and that
 * count the transactions that ran it, committed or rolled back. Transparent otherwise.
 */
public final class DeadlockVictims {
    private volatile String marked;
    private final AtomicInteger victims = new AtomicInteger();
    private final Map<String, AtomicInteger> ran = new ConcurrentHashMap<>();

    /** The next transaction running {@code statementStart} is a deadlock's victim. */
    public void next(String statementStart) {
        next(statementStart, 1);
    }

    /** The next {@code times} transactions running {@code statementStart} are deadlocks' victims. */
    public void next(String statementStart, int times) {
        ran.put(statementStart, new AtomicInteger());
        victims.set(times);
        marked = statementStart;
    }

    /** Every attempt of the next transaction running {@code statementStart} is a victim, till {@link Jdbc#tx} gives up. */
    public void untilGivenUp(String statementStart) {
        next(statementStart, Jdbc.DEADLOCK_ATTEMPTS);
    }

    /** How many transactions ran {@code statementStart} since {@link #next}. */
    public int ran(String statementStart) {
        return ran.get(statementStart).get();
    }

    public DataSource around(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    return method.getName().equals("getConnection") ? around((Connection) result) : result;
                });
    }

    private Connection around(Connection real) {
        Set<String> seen = new HashSet<>();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args[0] instanceof String sql) {
                        ran.keySet().stream().filter(sql::startsWith).forEach(seen::add);
                    }
                    boolean ends = method.getName().equals("commit") || method.getName().equals("rollback");
                    if (ends) {
                        seen.forEach(s -> ran.get(s).incrementAndGet());
                        boolean victim = method.getName().equals("commit") && marked != null && seen.contains(marked)
                                && victims.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
                        seen.clear();
                        if (victim) {
                            throw new SQLException("Deadlock found when trying to get lock; try restarting transaction",
                                    "40001", 1213);
                        }
                    }
                    return invoke(real, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
