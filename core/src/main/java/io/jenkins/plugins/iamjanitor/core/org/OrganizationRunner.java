package io.jenkins.plugins.iamjanitor.core.org;

import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one task per selected account, at most {@code concurrency} accounts at a time. One account failing (AssumeRole
 * denied, throttling that outlasts the retries, a timeout) becomes that account's outcome with its reason; the other
 * accounts carry on. Outcomes come back ordered by account id whatever order they finished in.
 */
public final class OrganizationRunner {
    private final AccountDirectory directory;
    private final AccountFilter filter;
    private final int concurrency;
    private final Duration accountTimeout;

    /**
     * @param accountTimeout how long one account may take, from its start, before it is reported as timed out (its
     *                       thread is interrupted); null for no limit
     */
    public OrganizationRunner(AccountDirectory directory, AccountFilter filter, int concurrency,
            Duration accountTimeout) {
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("account concurrency must be between 1 and 64, got " + concurrency);
        }
        this.directory = directory;
        this.filter = filter;
        this.concurrency = concurrency;
        this.accountTimeout = accountTimeout;
    }

    public <T> OrganizationRun<T> run(AccountTask<T> task, ProgressListener progress) {
        ProgressListener log = synchronizedListener(progress);
        AccountFilter.Selection selection = filter.select(directory.listAccounts(log));
        List<OrgAccount> accounts = selection.selected();
        log.progress("Organization: " + accounts.size() + " account(s) selected, " + selection.skipped().size()
                + " skipped; " + Math.min(concurrency, Math.max(1, accounts.size())) + " at a time");
        for (AccountFilter.Skipped s : selection.skipped()) {
            log.progress("  skipped " + s.account().label() + ": " + s.reason());
        }
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, accounts.size())),
                r -> {
                    Thread t = new Thread(r, "iam-janitor-account");
                    t.setDaemon(true);
                    return t;
                });
        ScheduledExecutorService alarms = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "iam-janitor-account-timeout");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<AccountOutcome<T>>> futures = new ArrayList<>();
            for (OrgAccount account : accounts) {
                futures.add(pool.submit(() -> runOne(task, account, log, done, accounts.size(), alarms)));
            }
            List<AccountOutcome<T>> outcomes = new ArrayList<>();
            for (int i = 0; i < accounts.size(); i++) {
                outcomes.add(await(futures.get(i), accounts.get(i)));
            }
            long failed = outcomes.stream().filter(AccountOutcome::failed).count();
            log.progress("Organization: " + (outcomes.size() - failed) + " account(s) done, " + failed + " failed");
            return new OrganizationRun<>(outcomes, selection.skipped());
        } finally {
            pool.shutdownNow();
            alarms.shutdownNow();
        }
    }

    private <T> AccountOutcome<T> runOne(AccountTask<T> task, OrgAccount account, ProgressListener log,
            AtomicInteger done, int total, ScheduledExecutorService alarms) {
        ProgressListener prefixed = line -> log.progress("[" + account.label() + "] " + line);
        long start = System.nanoTime();
        Thread worker = Thread.currentThread();
        AtomicBoolean timedOut = new AtomicBoolean();
        // The SDK aborts a call when its thread is interrupted, so a stuck account frees its slot for the next one.
        ScheduledFuture<?> alarm = accountTimeout == null ? null : alarms.schedule(() -> {
            timedOut.set(true);
            worker.interrupt();
        }, accountTimeout.toMillis(), TimeUnit.MILLISECONDS);
        AccountOutcome<T> outcome;
        try {
            T result = task.run(account, prefixed);
            if (result == null) {
                throw new IllegalStateException("the account task returned nothing");
            }
            outcome = new AccountOutcome<>(account, result, null, null, since(start));
        } catch (ServiceException e) {
            outcome = new AccountOutcome<>(account, null, e.getMessage(), e.errorCode(), since(start));
        } catch (Exception e) {
            outcome = new AccountOutcome<>(account, null, reason(e), null, since(start));
        } finally {
            if (alarm != null) {
                alarm.cancel(false);
            }
        }
        if (timedOut.get()) {
            Thread.interrupted(); // the alarm may have fired after the task ended; the pool thread goes on
            outcome = new AccountOutcome<>(account, null, "timed out after " + accountTimeout.toSeconds() + " s",
                    "Timeout", since(start));
        }
        int n = done.incrementAndGet();
        log.progress("Account " + n + "/" + total + " " + account.label() + ": "
                + (outcome.failed() ? "FAILED - " + outcome.failure() : "done") + " in "
                + outcome.elapsed().toMillis() + " ms");
        return outcome;
    }

    private static <T> AccountOutcome<T> await(Future<AccountOutcome<T>> future, OrgAccount account) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new AccountOutcome<>(account, null, "interrupted", null, Duration.ZERO);
        } catch (ExecutionException e) {
            // runOne catches every Exception; an Error (out of memory) is the only way here.
            return new AccountOutcome<>(account, null, reason(e.getCause()), null, Duration.ZERO);
        }
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static ProgressListener synchronizedListener(ProgressListener progress) {
        Object lock = new Object();
        return line -> {
            synchronized (lock) {
                progress.progress(line);
            }
        };
    }
}
