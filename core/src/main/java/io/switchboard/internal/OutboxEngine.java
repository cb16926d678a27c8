package io.switchboard.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.switchboard.ChannelType;
import io.switchboard.ConnectionNotFoundException;
import io.switchboard.PolicyViolationException;
import io.switchboard.Secret;
import io.switchboard.SwitchboardException;
import io.switchboard.SwitchboardListener;
import io.switchboard.TenantId;
import io.switchboard.TransportException;
import io.switchboard.ValidationException;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectionKey;
import io.switchboard.connection.ConnectionStatus;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.MessagesDelivered;
import io.switchboard.event.MessagesRead;
import io.switchboard.event.Postback;
import io.switchboard.event.ReactionReceived;
import io.switchboard.event.StatusChanged;
import io.switchboard.graph.GraphApiException;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.message.MessageContent;
import io.switchboard.message.MessagingType;
import io.switchboard.message.Priority;
import io.switchboard.message.SendReceipt;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Template;
import io.switchboard.message.TemplateComponent;
import io.switchboard.message.TemplateParameter;
import io.switchboard.message.Text;
import io.switchboard.outbox.CampaignProgress;
import io.switchboard.outbox.CampaignReceipt;
import io.switchboard.outbox.CampaignRequest;
import io.switchboard.outbox.Campaigns;
import io.switchboard.outbox.MessageHandle;
import io.switchboard.outbox.Outbox;
import io.switchboard.outbox.OutboundMessage;
import io.switchboard.outbox.RetryPolicy;
import io.switchboard.outbox.ThroughputLimits;
import io.switchboard.outbox.WindowPolicy;
import io.switchboard.spi.CampaignRecord;
import io.switchboard.spi.CampaignStore;
import io.switchboard.spi.ChannelAdapter;
import io.switchboard.spi.ConsentChecker;
import io.switchboard.spi.ConversationWindowStore;
import io.switchboard.spi.EnqueueResult;
import io.switchboard.spi.OutboxQuery;
import io.switchboard.spi.OutboxRecord;
import io.switchboard.spi.OutboxStore;
import io.switchboard.spi.WindowKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbound queue: policy checks and enqueue on {@code send}, then claims, throughput
 * limits, pacing, sending and error-code-aware retries in dispatch, and status tracking from
 * webhooks. See {@link io.switchboard.spi.OutboxStore} for the storage contract.
 */
public final class OutboxEngine implements Outbox, Campaigns, InboundHook {

  private static final Logger log = LoggerFactory.getLogger(OutboxEngine.class);

  /** Settings of the engine. */
  public record Settings(
      RetryPolicy retry,
      ThroughputLimits limits,
      WindowPolicy window,
      int batchSize,
      int concurrency,
      Duration lease,
      String owner) {}

  private final OutboxStore store;
  private final CampaignStore campaigns;
  private final ConversationWindowStore windows;
  private final ConsentChecker consent;
  private final Map<ChannelType, ChannelAdapter> adapters;
  private final DefaultConnections connections;
  private final MessageCodec codec = new MessageCodec();
  private final Clock clock;
  private final SwitchboardListener listener;
  private final Settings settings;
  private final ThroughputLimiter limiter;
  private final PairPacer pacer;
  private final Semaphore slots;
  private final java.util.concurrent.locks.ReentrantLock roundLock = new java.util.concurrent.locks.ReentrantLock();
  /**
   * Futures of handles given out by this instance, held until their message is sent or fails
   * (bounded, and forgotten after a day in case another instance finished the message).
   */
  private final Cache<String, CompletableFuture<SendReceipt>> pending =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofDays(1)).maximumSize(2_000_000).build();
  private volatile Executor senders;
  private volatile Runnable wake = () -> {};

  /**
   * Creates the engine.
   *
   * @param store outbound messages
   * @param campaigns campaign records
   * @param windows last inbound times
   * @param consent bulk consent
   * @param adapters channels
   * @param connections connections and tokens
   * @param clock the clock
   * @param listener host notifications
   * @param settings limits and policies
   */
  public OutboxEngine(
      OutboxStore store,
      CampaignStore campaigns,
      ConversationWindowStore windows,
      ConsentChecker consent,
      Map<ChannelType, ChannelAdapter> adapters,
      DefaultConnections connections,
      Clock clock,
      SwitchboardListener listener,
      Settings settings) {
    this.store = store;
    this.campaigns = campaigns;
    this.windows = windows;
    this.consent = consent;
    this.adapters = adapters;
    this.connections = connections;
    this.clock = clock;
    this.listener = listener;
    this.settings = settings;
    this.limiter = new ThroughputLimiter(clock);
    this.pacer = new PairPacer(clock);
    this.slots = new Semaphore(settings.concurrency());
  }

  /**
   * Switches to background sending: sends run on {@code executor}, and {@code wake} is called
   * whenever more work may be claimable.
   *
   * @param executor the sender threads
   * @param wake schedules a dispatch round
   */
  public void startBackground(Executor executor, Runnable wake) {
    this.wake = wake;
    this.senders = executor;
  }

  /** Back to calling-thread sending (after close). */
  public void stopBackground() {
    this.senders = null;
    this.wake = () -> {};
  }

  // ------------------------------------------------------------------ send

  private ChannelAdapter adapter(ChannelType channel) {
    ChannelAdapter adapter = adapters.get(channel);
    if (adapter == null) {
      throw ValidationException.of("channel", "no " + channel + " channel is registered with this Switchboard");
    }
    return adapter;
  }

  private static void requireValid(ChannelAdapter adapter, SendRequest request) {
    List<ValidationException.Violation> violations = adapter.validate(request);
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
  }

  /**
   * Validates, applies the window policy and queues a message.
   *
   * @param request the request
   * @return its handle
   */
  public MessageHandle enqueue(SendRequest request) {
    ChannelAdapter adapter = adapter(request.channel());
    requireValid(adapter, request);
    ChannelConnection connection = connections.resolve(request.tenant(), request.channel(), request.from());
    SendRequest effective = applyWindow(adapter, request.toBuilder().from(connection.accountId()).build(), connection);
    Instant now = clock.instant();
    OutboxRecord record = OutboxRecord.queued(UUID.randomUUID().toString(), request.tenant(), request.channel(),
        connection.accountId(), request.to(), request.priority(), request.idempotencyKey(), Optional.empty(),
        codec.encode(effective), now);
    EnqueueResult result = store.enqueue(record);
    OutboxRecord stored = result.record();
    CompletableFuture<SendReceipt> future = pending.get(stored.id(), id -> new CompletableFuture<>());
    if (!result.inserted()) {
      completeFromStored(stored, future);
    } else {
      wake.run();
    }
    return new MessageHandle(stored.id(), !result.inserted(), future,
        () -> find(stored.id()).orElseThrow(() -> new IllegalStateException("message " + stored.id() + " vanished")));
  }

  /**
   * Sends at once on the calling thread, bypassing the queue (no retries, no throughput limit).
   *
   * @param request the request
   * @return the receipt
   */
  public SendReceipt sendNow(SendRequest request) {
    ChannelAdapter adapter = adapter(request.channel());
    requireValid(adapter, request);
    ChannelConnection connection = connections.usable(request.tenant(), request.channel(), request.from());
    SendRequest effective = applyWindow(adapter, request, connection);
    Secret token = connections.token(connection);
    try {
      return adapter.send(connection, token, effective);
    } catch (GraphApiException e) {
      if (e.isAuthError()) {
        connections.markNeedsReauth(connection);
      }
      throw e;
    }
  }

  private void completeFromStored(OutboxRecord r, CompletableFuture<SendReceipt> future) {
    if (r.status().isAccepted() && r.externalId().isPresent()) {
      future.complete(new SendReceipt(r.tenant(), r.channel(), r.accountId(), r.externalId().get(), Optional.empty(),
          Optional.empty()));
    } else if (r.status() == DeliveryStatus.FAILED || r.status() == DeliveryStatus.CANCELLED) {
      future.completeExceptionally(new SwitchboardException("message " + r.id() + " is " + r.status()
          + r.errorMessage().map(m -> ": " + m).orElse("")));
    }
  }

  // ------------------------------------------------------------------ window policy

  private static String contactKey(ChannelType channel, String id) {
    return channel == ChannelType.WHATSAPP && id.startsWith("+") ? id.substring(1) : id;
  }

  private SendRequest applyWindow(ChannelAdapter adapter, SendRequest request, ChannelConnection connection) {
    WindowPolicy policy = settings.window();
    if (!policy.enforced() || request.content() instanceof io.switchboard.message.Reaction) {
      return request;
    }
    WindowKey key = new WindowKey(request.tenant(), request.channel(), connection.accountId(),
        contactKey(request.channel(), request.to()));
    Optional<Instant> last = windows.lastInbound(key);
    Instant now = clock.instant();
    boolean inStandard = last.isPresent() && !last.get().plus(policy.standardWindow()).isBefore(now);
    switch (request.channel()) {
      case WHATSAPP, WHATSAPP_WEB -> {
        if (inStandard || request.content() instanceof Template || request.channel() == ChannelType.WHATSAPP_WEB) {
          return request;
        }
        if (policy.whatsAppFallbackTemplate().isPresent()) {
          SendRequest replaced = request.toBuilder().content(fallbackTemplate(policy, request.content())).build();
          requireValid(adapter, replaced);
          return replaced;
        }
        throw new PolicyViolationException("whatsapp.customer_service_window",
            "cannot send " + request.content().getClass().getSimpleName() + " to " + request.to() + ": "
                + (last.isEmpty() ? "the contact never wrote to this number" : "the contact last wrote at " + last.get())
                + ", outside the 24-hour customer service window; send an approved template");
      }
      default -> {
        if (inStandard) {
          return request;
        }
        boolean inHumanWindow = last.isPresent() && !last.get().plus(policy.humanAgentWindow()).isBefore(now);
        if (request.messagingType() == MessagingType.HUMAN_AGENT && inHumanWindow) {
          return request;
        }
        if (request.messagingType() == MessagingType.HUMAN_AGENT) {
          throw new PolicyViolationException("human_agent_window", "cannot send to " + request.to() + ": "
              + (last.isEmpty() ? "the contact never wrote" : "the contact last wrote at " + last.get())
              + ", more than 7 days ago; human agents may answer only within 7 days");
        }
        throw new PolicyViolationException("messaging_window", "cannot send to " + request.to() + ": "
            + (last.isEmpty() ? "the contact never wrote" : "the contact last wrote at " + last.get())
            + ", outside the 24-hour window; a person may still answer within 7 days with messagingType HUMAN_AGENT");
      }
    }
  }

  private static MessageContent fallbackTemplate(WindowPolicy policy, MessageContent original) {
    Template.Builder t = Template.builder(policy.whatsAppFallbackTemplate().get(), policy.whatsAppFallbackLanguage().get());
    if (original instanceof Text text) {
      t.component(TemplateComponent.body(TemplateParameter.text(text.body())));
    }
    return t.build();
  }

  // ------------------------------------------------------------------ dispatch

  /**
   * Claims as many due messages as there are free send slots and sends them (in the background
   * when started, otherwise on the calling thread).
   *
   * @return the number claimed
   */
  public int dispatchRound() {
    boolean background = senders != null;
    // One round at a time. In the background a busy round means another one is already claiming,
    // so skip; a round never blocks a scheduler thread (the throughput budget's completions run
    // on those threads, and the send slots they free are what a blocked round would wait for).
    if (background) {
      if (!roundLock.tryLock()) {
        return 0;
      }
    } else {
      roundLock.lock();
    }
    try {
      int permits = 0;
      while (permits < settings.batchSize() && slots.tryAcquire()) {
        permits++;
      }
      if (permits == 0) {
        return 0;
      }
      List<OutboxRecord> claimed;
      try {
        claimed = store.claimDue(clock.instant(), permits, settings.lease(), settings.owner());
      } catch (RuntimeException e) {
        slots.release(permits);
        throw e;
      }
      slots.release(permits - claimed.size());
      runClaimed(claimed);
      return claimed.size();
    } finally {
      roundLock.unlock();
    }
  }

  /** Sends claimed messages; each already holds one send slot, released when its send is done. */
  private void runClaimed(List<OutboxRecord> claimed) {
    Executor executor = senders;
    for (OutboxRecord r : claimed) {
      if (executor == null) {
        try {
          Job job = prepare(r);
          if (job != null) {
            Duration wait = limiter.tryAcquire(r.channel(), r.accountId(), job.rate());
            if (wait.isZero()) {
              transmit(job);
            } else {
              Instant now = clock.instant();
              store.reschedule(r.id(), r.attempts(), now.plus(wait), r.errorCode(), r.errorMessage().orElse(null), now);
            }
          }
        } catch (RuntimeException e) {
          log.error("unexpected failure sending message {}; it will be retried when its lease ends", r.id(), e);
        } finally {
          slots.release();
        }
      } else {
        dispatchInBackground(r, executor);
      }
    }
  }

  /**
   * Prepares and sends on a sender thread. The account's budget is taken right before the HTTP
   * call (the sender thread parks until a token is free), so send times follow the token bucket
   * exactly; a message that would wait too long goes back to the queue.
   */
  private void dispatchInBackground(OutboxRecord r, Executor executor) {
    try {
      executor.execute(() -> {
        try {
          Job job = prepare(r);
          if (job != null) {
            if (limiter.acquire(r.channel(), r.accountId(), job.rate(), Duration.ofSeconds(5))) {
              transmit(job);
            } else {
              Instant now = clock.instant();
              store.reschedule(r.id(), r.attempts(), now.plusSeconds(1), r.errorCode(), r.errorMessage().orElse(null), now);
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt(); // shutting down: the lease expires and the message is retried
        } catch (RuntimeException e) {
          log.error("unexpected failure sending message {}; it will be retried when its lease ends", r.id(), e);
        } finally {
          slots.release();
          wake.run();
        }
      });
    } catch (RejectedExecutionException e) {
      slots.release(); // shutting down: the lease expires and another node takes it
    }
  }

  @Override
  public int dispatchDue() {
    if (senders != null) {
      throw new IllegalStateException("dispatchDue() is for hosts that drive dispatch themselves; this Switchboard "
          + "was started and dispatches in the background");
    }
    int total = 0;
    int n;
    do {
      n = dispatchRound();
      total += n;
    } while (n > 0);
    return total;
  }

  /**
   * Whether this engine sends in the background.
   *
   * @return true between start and close
   */
  public boolean background() {
    return senders != null;
  }

  /** A message ready to go: decoded, its connection usable, its recipient not paced. */
  private record Job(OutboxRecord record, SendRequest request, ChannelConnection connection, int rate) {}

  /**
   * Decodes a claimed message and checks its connection and pacing. Handles (fails, holds,
   * reschedules) what cannot go now and returns null for it.
   */
  private Job prepare(OutboxRecord r) {
    Instant now = clock.instant();
    SendRequest request;
    try {
      request = codec.decode(r.payload());
    } catch (RuntimeException e) {
      fail(r, r.attempts(), Optional.empty(), "stored request cannot be read: " + e.getMessage());
      return null;
    }
    ConnectionKey key = new ConnectionKey(r.tenant(), r.channel(), r.accountId());
    Optional<ChannelConnection> found = connections.findRecent(key);
    if (found.isEmpty()) {
      fail(r, r.attempts(), Optional.empty(), "the connection " + key + " was removed");
      return null;
    }
    ChannelConnection connection = found.get();
    if (connection.status() != ConnectionStatus.CONNECTED) {
      Instant giveUp = r.createdAt().plus(settings.retry().reauthHold());
      if (!now.isBefore(giveUp)) {
        fail(r, r.attempts(), Optional.of("190"), key + " still needs re-authorisation after "
            + settings.retry().reauthHold() + "; message not sent");
      } else {
        Instant next = min(giveUp, now.plus(Duration.ofMinutes(5)));
        store.reschedule(r.id(), r.attempts(), next, r.errorCode(), "held: " + key + " needs re-authorisation", now);
      }
      return null;
    }
    Optional<Instant> paced = pacer.notBefore(r.channel(), r.accountId(), r.recipient());
    if (paced.isPresent()) {
      store.reschedule(r.id(), r.attempts(), paced.get(), r.errorCode(), "pacing after pair rate limit", now);
      return null;
    }
    int rate = connection.attribute(ThroughputLimits.ATTRIBUTE).map(OutboxEngine::parseRate)
        .orElse(settings.limits().perSecond(r.channel()));
    return new Job(r, request, connection, rate);
  }

  /** Sends a prepared message and records the outcome. */
  private void transmit(Job job) {
    OutboxRecord r = job.record();
    SendRequest request = job.request();
    ChannelConnection connection = job.connection();
    int attempt = r.attempts() + 1;
    try {
      Secret token = connections.token(connection);
      SendReceipt receipt = adapter(r.channel()).send(connection, token, request);
      pacer.succeeded(r.channel(), r.accountId(), r.recipient());
      if (store.markSent(r.id(), receipt.externalId(), attempt, clock.instant())) {
        completeAndNotify(r.id(), receipt, null);
      }
    } catch (GraphApiException e) {
      onGraphError(r, connection, attempt, e);
    } catch (TransportException e) {
      retryOrFail(r, attempt, Optional.empty(), e.getMessage(), Optional.empty());
    } catch (ValidationException | PolicyViolationException | ConnectionNotFoundException e) {
      fail(r, attempt, Optional.empty(), e.getMessage());
    } catch (SwitchboardException e) {
      if (e.retryable()) {
        retryOrFail(r, attempt, Optional.empty(), e.getMessage(), Optional.empty());
      } else {
        fail(r, attempt, Optional.empty(), e.getMessage());
      }
    }
  }

  private static Integer parseRate(String value) {
    try {
      int rate = Integer.parseInt(value.trim());
      return rate >= 1 && rate <= 10_000 ? rate : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private void onGraphError(OutboxRecord r, ChannelConnection connection, int attempt, GraphApiException e) {
    Optional<String> code = e.code().isPresent() ? Optional.of(String.valueOf(e.code().getAsInt())) : Optional.empty();
    Instant now = clock.instant();
    if (e.isAuthError()) {
      connections.markNeedsReauth(connection);
      Instant next = now.plus(Duration.ofMinutes(1));
      store.deferAccount(r.channel(), r.accountId(), next, now);
      // not an attempt that counts: the message waits for the tenant to reconnect
      store.reschedule(r.id(), r.attempts(), next, code, e.getMessage(), now);
      return;
    }
    if (e.code().isPresent() && e.code().getAsInt() == 131056) {
      Instant next = pacer.refused(r.channel(), r.accountId(), r.recipient());
      if (attempt >= settings.retry().maxAttempts()) {
        fail(r, attempt, code, e.getMessage());
      } else {
        store.reschedule(r.id(), attempt, next, code, e.getMessage(), now);
      }
      return;
    }
    if (e.retryable()) {
      retryOrFail(r, attempt, code, e.getMessage(), e.retryAfter());
    } else {
      fail(r, attempt, code, e.getMessage());
    }
  }

  private void retryOrFail(OutboxRecord r, int attempt, Optional<String> code, String error, Optional<Duration> hint) {
    if (attempt >= settings.retry().maxAttempts()) {
      fail(r, attempt, code, "gave up after " + attempt + " attempts: " + error);
      return;
    }
    Duration delay = settings.retry().backoff().delay(attempt);
    if (hint.isPresent() && hint.get().compareTo(delay) > 0) {
      delay = hint.get();
    }
    Instant now = clock.instant();
    log.debug("message {} attempt {} failed ({}); retrying in {}", r.id(), attempt, error, delay);
    store.reschedule(r.id(), attempt, now.plus(delay), code, error, now);
  }

  private void fail(OutboxRecord r, int attempt, Optional<String> code, String error) {
    if (store.markFailed(r.id(), attempt, code, error, clock.instant())) {
      log.warn("message {} of {} failed{}: {}", r.id(), r.tenant(), code.map(c -> " (code " + c + ")").orElse(""), error);
      completeAndNotify(r.id(), null, new SwitchboardException("message " + r.id() + " failed"
          + code.map(c -> " with code " + c).orElse("") + ": " + error));
    }
  }

  private void completeAndNotify(String id, SendReceipt receipt, SwitchboardException failure) {
    CompletableFuture<SendReceipt> future = pending.getIfPresent(id);
    if (future != null) {
      if (failure == null) {
        future.complete(receipt);
      } else {
        future.completeExceptionally(failure);
      }
      pending.invalidate(id);
    }
    if (listener != SwitchboardListener.NONE) {
      store.find(id).ifPresent(this::notifyRecord);
    }
  }

  /** Tells the listener, decoding the stored request only if someone listens. */
  private void notifyRecord(OutboxRecord record) {
    if (listener != SwitchboardListener.NONE) {
      notifyListener(view(record));
    }
  }

  private void notifyListener(OutboundMessage message) {
    try {
      listener.onMessageStatus(message);
    } catch (RuntimeException e) {
      log.warn("SwitchboardListener.onMessageStatus threw; ignored", e);
    }
  }

  // ------------------------------------------------------------------ inbound hooks

  /**
   * Opens the messaging windows of a batch of inbound events before the host sees them: customer
   * messages, postbacks and reactions, one window-store call for the whole batch (the latest time
   * per conversation).
   *
   * @param events tenant and event, in claim order
   */
  @Override
  public void beforeBatch(List<Map.Entry<TenantId, InboundEvent>> events) {
    Map<WindowKey, Instant> latest = new HashMap<>();
    for (Map.Entry<TenantId, InboundEvent> e : events) {
      TenantId tenant = e.getKey();
      InboundEvent event = e.getValue();
      if (event instanceof MessageReceived m) {
        touch(latest, tenant, m.channel(), m.accountId(), m.from().id(), m.occurredAt());
      } else if (event instanceof Postback p) {
        touch(latest, tenant, p.channel(), p.accountId(), p.from().id(), p.occurredAt());
      } else if (event instanceof ReactionReceived r) {
        touch(latest, tenant, r.channel(), r.accountId(), r.from().id(), r.occurredAt());
      }
    }
    if (!latest.isEmpty()) {
      windows.recordInbound(latest);
    }
  }

  /**
   * Applies an inbound report to the outbound side before the host sees it: status, read and
   * delivery reports move sent messages forward.
   *
   * @param tenant the tenant the event belongs to
   * @param event the event
   */
  @Override
  public void beforeHandler(TenantId tenant, InboundEvent event) {
    Instant now = clock.instant();
    if (event instanceof StatusChanged s) {
      Optional<String> code = s.errors().stream().findFirst().map(e -> String.valueOf(e.code()));
      Optional<String> error = s.errors().stream().findFirst()
          .map(e -> e.title() + e.details().map(d -> ": " + d).orElse(""));
      store.advance(s.channel(), s.messageId(), s.status(), now, code, error).ifPresent(this::notifyRecord);
    } else if (event instanceof MessagesRead read) {
      read.messageId().flatMap(mid -> store.advance(read.channel(), mid, DeliveryStatus.READ, now, Optional.empty(),
          Optional.empty())).ifPresent(this::notifyRecord);
      read.watermark().ifPresent(w -> store.advanceUpTo(read.channel(), read.accountId(), read.readerId(), w,
          DeliveryStatus.READ, now).forEach(this::notifyRecord));
    } else if (event instanceof MessagesDelivered delivered) {
      for (String mid : delivered.messageIds()) {
        store.advance(delivered.channel(), mid, DeliveryStatus.DELIVERED, now, Optional.empty(), Optional.empty())
            .ifPresent(this::notifyRecord);
      }
      delivered.watermark().ifPresent(w -> store.advanceUpTo(delivered.channel(), delivered.accountId(),
          delivered.recipientId(), w, DeliveryStatus.DELIVERED, now).forEach(this::notifyRecord));
    }
  }

  private static void touch(Map<WindowKey, Instant> latest, TenantId tenant, ChannelType channel, String accountId,
      String contact, Instant at) {
    latest.merge(new WindowKey(tenant, channel, accountId, contactKey(channel, contact)), at,
        (a, b) -> a.isAfter(b) ? a : b);
  }

  // ------------------------------------------------------------------ Outbox view

  private OutboundMessage view(OutboxRecord r) {
    return new OutboundMessage(r.id(), codec.decode(r.payload()), r.accountId(), r.status(), r.attempts(),
        r.createdAt(), r.updatedAt(), r.sentAt(), r.externalId(), r.errorCode(), r.errorMessage(), r.campaignId());
  }

  @Override
  public Optional<OutboundMessage> find(String id) {
    return store.find(id).map(this::view);
  }

  @Override
  public Optional<OutboundMessage> findByExternalId(ChannelType channel, String externalId) {
    return store.findByExternalId(channel, externalId).map(this::view);
  }

  @Override
  public List<OutboundMessage> list(OutboxQuery query) {
    return store.list(query).stream().map(this::view).toList();
  }

  @Override
  public boolean redrive(String id) {
    boolean requeued = store.requeue(id, clock.instant());
    if (requeued) {
      find(id).ifPresent(this::notifyListener);
      wake.run();
    }
    return requeued;
  }

  // ------------------------------------------------------------------ campaigns

  @Override
  public CampaignReceipt start(CampaignRequest request) {
    ChannelAdapter adapter = adapter(request.channel());
    ChannelConnection connection = connections.usable(request.tenant(), request.channel(), request.from());
    String campaignId = UUID.randomUUID().toString();
    Instant now = clock.instant();
    List<CampaignReceipt.Refusal> refused = new ArrayList<>();
    List<OutboxRecord> records = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean contentChecked = false;
    for (String recipient : request.recipients()) {
      String normalized = recipient == null ? "" : recipient.trim();
      if (!seen.add(contactKey(request.channel(), normalized))) {
        refused.add(new CampaignReceipt.Refusal(String.valueOf(recipient), "duplicate recipient"));
        continue;
      }
      SendRequest one;
      try {
        one = SendRequest.builder().tenant(request.tenant()).channel(request.channel()).from(connection.accountId())
            .to(normalized).content(request.content()).priority(Priority.BULK)
            .idempotencyKey("campaign:" + campaignId + ":" + normalized).build();
      } catch (IllegalArgumentException e) {
        refused.add(new CampaignReceipt.Refusal(String.valueOf(recipient), e.getMessage()));
        continue;
      }
      List<ValidationException.Violation> violations = adapter.validate(one);
      List<ValidationException.Violation> contentProblems =
          violations.stream().filter(v -> !v.field().equals("to")).toList();
      if (!contentProblems.isEmpty() && !contentChecked) {
        throw new ValidationException(contentProblems);
      }
      contentChecked = true;
      if (!violations.isEmpty()) {
        refused.add(new CampaignReceipt.Refusal(recipient,
            violations.stream().map(Object::toString).collect(Collectors.joining("; "))));
        continue;
      }
      if (!consent.hasConsent(request.tenant(), request.channel(), normalized)) {
        refused.add(new CampaignReceipt.Refusal(recipient, "no consent for bulk messages"));
        continue;
      }
      SendRequest effective;
      try {
        effective = applyWindow(adapter, one, connection);
      } catch (PolicyViolationException e) {
        refused.add(new CampaignReceipt.Refusal(recipient, e.getMessage()));
        continue;
      }
      records.add(OutboxRecord.queued(UUID.randomUUID().toString(), request.tenant(), request.channel(),
          connection.accountId(), normalized, Priority.BULK, one.idempotencyKey(), Optional.of(campaignId),
          codec.encode(effective), now));
    }
    campaigns.create(new CampaignRecord(campaignId, request.tenant(), request.channel(), connection.accountId(),
        request.name(), request.recipients().size(), refused.size(), now, Optional.empty()));
    int queued = 0;
    for (int i = 0; i < records.size(); i += 500) {
      for (EnqueueResult r : store.enqueueAll(records.subList(i, Math.min(records.size(), i + 500)))) {
        if (r.inserted()) {
          queued++;
        }
      }
    }
    log.info("campaign {} '{}' of {}: {} queued, {} refused", campaignId, request.name(), request.tenant(), queued,
        refused.size());
    wake.run();
    return new CampaignReceipt(campaignId, queued, refused);
  }

  @Override
  public Optional<CampaignProgress> progress(String campaignId) {
    return campaigns.find(campaignId).map(c -> new CampaignProgress(c.id(), c.name(), c.recipients(), c.refused(),
        store.countByCampaign(c.id()), c.cancelledAt()));
  }

  @Override
  public int cancel(String campaignId) {
    Instant now = clock.instant();
    if (campaigns.find(campaignId).isEmpty()) {
      return 0;
    }
    campaigns.markCancelled(campaignId, now);
    int cancelled = store.cancelCampaign(campaignId, now);
    log.info("campaign {} cancelled: {} queued messages will not be sent", campaignId, cancelled);
    return cancelled;
  }
}
