package io.jenkins.plugins.iamjanitor.integrations.aws;

import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one task per item on at most {@code threads} threads and returns the results in the items' order. Progress
 * lines are printed in that order too (line i once items 1..i are done), so a run's output does not depend on
 * which thread finished first.
 */
final class OrderedParallel {
    /** A result and the progress line to print for it. */
    record Done<R>(R result, String line) {
    }

    private final int threads;

    OrderedParallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    <T, R> List<R> run(List<T> items, Function<T, Done<R>> task, ProgressListener progress) {
        List<Done<R>> done = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            done.add(null);
        }
        int[] printed = {0};
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, items.size())),
                r -> {
                    Thread t = new Thread(r, "iam-janitor-reads");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<?>> futures = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    Done<R> d = task.apply(items.get(index));
                    synchronized (done) {
                        done.set(index, d);
                        while (printed[0] < done.size() && done.get(printed[0]) != null) {
                            String line = done.get(printed[0]).line();
                            printed[0]++;
                            if (line != null) {
                                progress.progress(line);
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading IAM details", e);
        } finally {
            pool.shutdownNow();
        }
        return done.stream().map(Done::result).toList();
    }
}
