package dev.lethe.tasks;

import dev.lethe.plan.RequestPlanning;
import dev.lethe.ledger.RequestEnding;
import dev.lethe.audit.AuditTrail;
import dev.lethe.audit.Outbox;
import dev.lethe.cleaners.CleanerRegistry;
import dev.lethe.intake.RequestParser;
import dev.lethe.ledger.RequestLedger;
import dev.lethe.core.StageHealth;
import dev.lethe.ledger.TaskLedger;
import dev.lethe.monitoring.ErrorReports;
import dev.lethe.monitoring.LetheMetrics;
import dev.lethe.monitoring.RequestTraces;
import dev.lethe.plan.LegalHoldCheck;
import dev.lethe.plan.Planner;
import dev.lethe.plan.ProtectionCheck;
import dev.lethe.plan.ResourceCatalog;
import dev.lethe.plan.ResilienceProperties;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TaskProperties.class)
class TasksConfiguration {

    @Bean
    WorkerIdentity workerIdentity() {
        return WorkerIdentity.ofThisProcess();
    }

    @Bean
    Planner planner(ResourceCatalog catalog, CleanerRegistry cleaners, ProtectionCheck protection,
            LegalHoldCheck legalHold) {
        return new Planner(catalog, cleaners::supportsSoftDelete, protection, legalHold);
    }

    @Bean
    RequestPlanning requestPlanning(RequestLedger ledger, Planner planner, RequestParser parser, AuditTrail audit,
            Outbox outbox, RequestEnding ending, TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock,
            TaskProperties properties, LetheMetrics metrics, RequestTraces traces, StageHealth health, TaskRunner runner) {
        return new RequestPlanning(ledger, planner, parser, audit, outbox, ending, transactions, events, clock,
                properties.pollInterval(), properties.planningBatch(), metrics, traces, health, runner);
    }

    @Bean
    TaskResultRecorder taskResultRecorder(TaskLedger ledger, ObjectProvider<TaskRunner> runner, HeldTasks held, AuditTrail audit,
            Outbox outbox, RequestEnding ending, TransactionTemplate transactions, ApplicationEventPublisher events,
            Clock clock, WorkerIdentity worker, TaskProperties properties, LetheMetrics metrics, ErrorReports errors,
            RequestTraces traces, StageHealth health) {
        return new TaskResultRecorder(ledger, runner::getObject, held, audit, outbox, ending, transactions, events, clock, worker,
                properties, metrics, errors, traces, health);
    }

    /** Threads the time-limited cleaner calls run on; a call that times out may go on there until the backend ends it. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService cleanerCallThreads() {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "lethe-call-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    ResilientCalls resilientCalls(ResourceCatalog catalog, ResilienceProperties resilience, CircuitBreakerRegistry breakers,
            RetryRegistry retries, BulkheadRegistry bulkheads, TimeLimiterRegistry timeLimiters,
            ExecutorService cleanerCallThreads, LetheMetrics metrics, CleanerRegistry cleaners) {
        return new ResilientCalls(catalog, resilience.defaults(),
                new ResilientCalls.ResilienceRegistries(breakers, retries, bulkheads, timeLimiters), cleanerCallThreads,
                metrics::breakerTransition, cleaners::classifierOf);
    }

    @Bean
    HeldTasks heldTasks() {
        return new HeldTasks();
    }

    @Bean
    LeaseHeartbeat leaseHeartbeat(TaskLedger ledger, HeldTasks held, Clock clock, WorkerIdentity worker,
            TaskProperties properties, StageHealth health) {
        return new LeaseHeartbeat(ledger, held, clock, worker, properties, health);
    }

    @Bean
    TaskRunner taskRunner(TaskLedger ledger, CleanerRegistry cleaners, RequestParser parser, TaskResultRecorder recorder,
            LeaseHeartbeat heartbeat, HeldTasks held, ResilientCalls calls, ResourceCatalog catalog, Clock clock, TaskProperties properties,
            WorkerIdentity worker, StageHealth health) {
        TaskExecution execution = new TaskExecution(cleaners, parser, calls, new RetryBudget(properties, catalog), clock);
        return new TaskRunner(ledger, execution, recorder, heartbeat, held, clock, properties, worker, health);
    }
}
