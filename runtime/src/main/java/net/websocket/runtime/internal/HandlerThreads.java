package net.websocket.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The threads that run handlers, listener callbacks and handshake hooks: a virtual thread per task where the JVM
 * has them (Java 21 and later, found by reflection because the runtime is compiled for 17), otherwise a cached pool
 * of daemon platform threads named {@code ws-handler-N}. Blocking in a handler is the point of the design, so the
 * pool has no upper bound: one thread per busy connection, as with virtual threads.
 *
 * <p>The system property {@value #VIRTUAL_PROPERTY}{@code =false} forces platform threads.
 */
public final class HandlerThreads {

    /** Set to {@code false} to use platform threads even where virtual threads exist. */
    public static final String VIRTUAL_PROPERTY = "net.websocket.virtualThreads";

    /** How long an idle platform handler thread stays in the pool. */
    private static final long KEEP_ALIVE_SECONDS = 60;

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Supplier<ExecutorService> VIRTUAL_FACTORY = findVirtualFactory();

    /** Which handler threads the current thread belongs to, while it runs a task. */
    private static final ThreadLocal<HandlerThreads> CURRENT = new ThreadLocal<>();

    private final ExecutorService executor;

    public HandlerThreads() {
        this.executor = create();
    }

    /** Whether handlers run on virtual threads. */
    public static boolean virtual() {
        return VIRTUAL_FACTORY != null;
    }

    /** Runs a task on a handler thread. */
    public void execute(Runnable task) {
        executor.execute(() -> {
            CURRENT.set(this);
            try {
                task.run();
            } catch (Throwable t) {
                IoLoop.LOG.log(System.Logger.Level.WARNING, "handler task failed", t);
            } finally {
                // cleared, not removed: a pooled thread then keeps its entry instead of making one per task
                CURRENT.set(null);
            }
        });
    }

    /** Runs a task on a handler thread; returns false (running nothing) if the executor has been shut down. */
    public boolean tryExecute(Runnable task) {
        try {
            execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Whether the calling thread is one of these handler threads, running a task. */
    public boolean isHandlerThread() {
        return CURRENT.get() == this;
    }

    /**
     * Stops taking tasks and waits up to {@code timeoutNanos} for running ones; then interrupts what is left and
     * waits a little more. A caller that is itself a handler thread does not wait for itself.
     */
    public void shutdown(long timeoutNanos) {
        executor.shutdown();
        if (isHandlerThread()) {
            return;
        }
        try {
            if (!executor.awaitTermination(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the executor was shut down and every task has ended. */
    public boolean isTerminated() {
        return executor.isTerminated();
    }

    /**
     * Waits until the executor has been shut down and every task has ended, at most {@code timeout}; returns whether
     * it has.
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static ExecutorService create() {
        if (VIRTUAL_FACTORY != null) {
            try {
                return VIRTUAL_FACTORY.get();
            } catch (Throwable t) {
                IoLoop.LOG.log(System.Logger.Level.DEBUG, "virtual threads unavailable", t);
            }
        }
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "ws-handler-" + COUNTER.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), factory);
        return pool;
    }

    /**
     * {@code () -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ws-handler-", 1).factory())}, or
     * null where there are no virtual threads.
     */
    private static Supplier<ExecutorService> findVirtualFactory() {
        if ("false".equalsIgnoreCase(System.getProperty(VIRTUAL_PROPERTY))) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle start = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
            MethodHandle name = lookup.findVirtual(builder, "name",
                    MethodType.methodType(builder, String.class, long.class));
            MethodHandle factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
            MethodHandle perTask = lookup.findStatic(Executors.class, "newThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class, ThreadFactory.class));
            Supplier<ExecutorService> make = () -> {
                try {
                    Object b = name.invoke(start.invoke(), "ws-handler-", 1L);
                    return (ExecutorService) perTask.invoke((ThreadFactory) factory.invoke(b));
                } catch (Throwable t) {
                    throw new IllegalStateException("cannot make virtual threads", t);
                }
            };
            make.get().shutdown(); // check once that it works
            return make;
        } catch (Throwable t) {
            return null;
        }
    }
}
