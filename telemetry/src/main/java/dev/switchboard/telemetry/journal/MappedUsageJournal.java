package dev.switchboard.telemetry.journal;

import dev.switchboard.config.JournalConfig;
import dev.switchboard.telemetry.UsageRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journals records into memory-mapped segment files (see {@link JournalSegment}). An append
 * encodes the record on the caller's thread, then copies it in under a short lock; no I/O happens
 * on the caller's thread except in the rare case that no spare segment was ready. A background
 * thread forces written pages to disk every {@code fsync_interval_ms}, prepares the next segment
 * and retires full ones.
 *
 * <p>Acknowledgement: the journal remembers each unstored record's first position; everything
 * before the smallest of them (and before the end of what is written) is stored, and that point is
 * kept in the file {@code ack}. A segment wholly before it is deleted. On open, entries after the
 * acknowledged point come from an earlier run: {@link #replay} stores them once.
 */
final class MappedUsageJournal implements UsageJournal {
  static final byte DRAFT = 1;
  static final byte COMPLETE = 2;
  static final String ACK_FILE = "ack";
  private static final Logger LOG = LoggerFactory.getLogger(MappedUsageJournal.class);
  private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final ThreadLocal<RecordCodec.Output> OUTPUT =
      ThreadLocal.withInitial(RecordCodec.Output::new);
  private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);

  private final Path dir;
  private final int segmentBytes;
  private final long maxBytes;
  private final FileChannel ackChannel;
  private final ScheduledExecutorService sync;
  private final Object lock = new Object();
  // guarded by lock
  private final TreeMap<Long, Path> files = new TreeMap<>();
  private JournalSegment active;
  private JournalSegment spare;
  private boolean closed;
  private volatile long end; // written under lock: every entry before it is complete

  // id -> first journal position of a record not yet stored; negative (-position - 1) once the
  // writer lost its copy and only a replay can store it
  private final ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();
  private final long earlierRunEnd; // entries before it were written by an earlier run
  private volatile boolean earlierRunReplayed;
  private volatile boolean orphansWaiting;
  private volatile long acked; // written by the writer thread only (and open/close)

  private final LongAdder appended = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final AtomicLong replayed = new AtomicLong();
  private final AtomicLong torn = new AtomicLong();
  private final AtomicLong lastDropWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
  private boolean backlogWarned;

  private MappedUsageJournal(JournalConfig config, FileChannel ackChannel, long acked, TreeMap<Long, Path> earlier)
      throws IOException {
    this.dir = config.dir();
    this.segmentBytes = (int) Math.min(Integer.MAX_VALUE - 8, config.segmentBytes());
    this.maxBytes = config.maxBytes();
    this.ackChannel = ackChannel;
    this.acked = acked;
    this.files.putAll(earlier);
    long earlierEnd = acked;
    if (!earlier.isEmpty()) {
      Map.Entry<Long, Path> last = earlier.lastEntry();
      earlierEnd = Math.max(earlierEnd, last.getKey() + Files.size(last.getValue()));
    }
    this.earlierRunEnd = earlierEnd;
    this.earlierRunReplayed = earlier.isEmpty();
    // a new run writes after everything earlier, so positions only grow and the ack stays valid
    this.active = JournalSegment.create(dir, earlierEnd, segmentBytes, false);
    files.put(active.base, active.path);
    this.end = active.end();
    this.sync = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "switchboard-journal-sync");
      t.setDaemon(true);
      return t;
    });
    long interval = Math.max(1, config.fsyncInterval().toMillis());
    sync.scheduleWithFixedDelay(this::forceAll, interval, interval, TimeUnit.MILLISECONDS);
    sync.execute(this::prepareSpare);
  }

  /** Opens the journal in {@code config.dir()}, creating it when missing. */
  static MappedUsageJournal open(JournalConfig config) {
    try {
      Path dir = config.dir();
      Files.createDirectories(dir);
      FileChannel ack = FileChannel.open(dir.resolve(ACK_FILE),
          StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      long acked = readAck(ack);
      TreeMap<Long, Path> earlier = new TreeMap<>();
      try (Stream<Path> list = Files.list(dir)) {
        list.forEach(p -> {
          long base = JournalSegment.baseOf(p);
          if (base >= 0) {
            earlier.put(base, p);
          }
        });
      }
      deleteBefore(earlier, acked, null);
      MappedUsageJournal journal = new MappedUsageJournal(config, ack, acked, earlier);
      if (!earlier.isEmpty()) {
        LOG.info("usage journal {}: {} segment(s) from an earlier run to replay after position {}",
            dir, earlier.size(), acked);
      }
      return journal;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open usage journal " + config.dir(), e);
    }
  }

  /** Deletes the segment files and the acknowledgement in {@code dir}, when there are any. */
  static void deleteFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> list = Files.list(dir)) {
      list.filter(p -> JournalSegment.baseOf(p) >= 0 || p.getFileName().toString().equals(ACK_FILE))
          .forEach(MappedUsageJournal::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete usage journal " + dir, e);
    }
  }

  @Override
  public boolean draft(UsageRecord record) {
    return append(DRAFT, record);
  }

  @Override
  public boolean complete(UsageRecord record) {
    return append(COMPLETE, record);
  }

  private boolean append(byte kind, UsageRecord record) {
    if (record.id() == null) {
      dropped(record, "it has no id");
      return false;
    }
    RecordCodec.Output out = OUTPUT.get();
    out.reset();
    try {
      RecordCodec.encode(record, out);
    } catch (RuntimeException e) {
      dropped(record, "it could not be encoded: " + e);
      return false;
    }
    int crc = JournalSegment.crc(CRC.get(), kind, out.bytes, out.size);
    synchronized (lock) {
      if (closed || (!active.fits(out.size) && !roll(out.size))) {
        dropped(record, closed ? "the journal is closed" : "the journal is full");
        return false;
      }
      long position = active.append(kind, crc, out.bytes, out.size);
      // before end moves: acknowledge() reads end first, then this map
      if (kind == DRAFT) {
        pending.put(record.id(), position);
      } else {
        pending.putIfAbsent(record.id(), position);
      }
      end = active.end();
    }
    appended.increment();
    return true;
  }

  /** Switches to the spare segment (or a new one); false when the bound forbids another. */
  private boolean roll(int payload) {
    if (JournalSegment.HEADER + JournalSegment.ENTRY_HEADER + payload > segmentBytes) {
      return false;
    }
    JournalSegment next = spare;
    spare = null;
    if (next == null || next.base != active.base + active.capacity) {
      if (next != null) {
        discard(next);
      }
      if (!roomForSegment()) {
        return false;
      }
      try {
        next = JournalSegment.create(dir, active.base + active.capacity, segmentBytes, false);
      } catch (IOException e) {
        LOG.warn("usage journal cannot create a segment: {}", e.toString());
        return false;
      }
    }
    JournalSegment full = active;
    active = next;
    files.put(next.base, next.path);
    sync.execute(full::retire);
    sync.execute(this::prepareSpare);
    return true;
  }

  /** Creates the next segment ahead of time, off the request path, when the bound allows it. */
  private void prepareSpare() {
    long base;
    synchronized (lock) {
      if (closed || spare != null || !roomForSegment()) {
        return;
      }
      base = active.base + active.capacity;
    }
    JournalSegment created;
    try {
      created = JournalSegment.create(dir, base, segmentBytes, true);
    } catch (IOException e) {
      LOG.warn("usage journal cannot prepare a segment: {}", e.toString());
      return;
    }
    synchronized (lock) {
      if (!closed && spare == null && base == active.base + active.capacity) {
        spare = created;
        return;
      }
    }
    discard(created);
  }

  private boolean roomForSegment() {
    return (long) (files.size() + (spare == null ? 1 : 2)) * segmentBytes <= maxBytes;
  }

  private void discard(JournalSegment segment) {
    segment.retire();
    try {
      Files.deleteIfExists(segment.path);
    } catch (IOException e) {
      LOG.warn("usage journal cannot delete {}: {}", segment.path, e.toString());
    }
  }

  private void dropped(UsageRecord record, String why) {
    dropped.increment();
    long last = lastDropWarning.get();
    long now = System.nanoTime();
    if (now - last >= WARN_EVERY_NANOS && lastDropWarning.compareAndSet(last, now)) {
      LOG.warn("usage journal dropped the record of {} ({} dropped so far): {}; it is kept in memory"
          + " only and lost if the gateway crashes before storing it", record.id(), dropped.sum(), why);
    }
  }

  @Override
  public void done(List<UsageRecord> records) {
    for (UsageRecord r : records) {
      pending.remove(r.id());
    }
  }

  @Override
  public void orphaned(List<UsageRecord> records) {
    boolean any = false;
    for (UsageRecord r : records) {
      any |= pending.computeIfPresent(r.id(), (id, p) -> p >= 0 ? -p - 1 : p) != null;
    }
    if (any) {
      orphansWaiting = true;
    }
  }

  @Override
  public boolean needsReplay() {
    return orphansWaiting || !earlierRunReplayed;
  }

  @Override
  public int replay(Consumer<List<UsageRecord>> store, int batchSize) {
    boolean earlier = !earlierRunReplayed;
    orphansWaiting = false;
    long to = end;
    long from = acked;
    Map<Long, Path> segments;
    synchronized (lock) {
      segments = new TreeMap<>(files);
    }
    byte[] buffer = new byte[segmentBytes];
    CRC32C crc = new CRC32C();
    // pass 1: which candidates have a complete entry (their draft is then skipped)
    LongSet complete = new LongSet();
    scan(segments, from, to, buffer, crc, earlier, (position, kind, bytes, offset, length) -> {
      if (kind == COMPLETE && candidate(position, RecordCodec.id(bytes, offset, length), earlier)) {
        complete.add(hash(RecordCodec.id(bytes, offset, length)));
      }
    });
    complete.sort();
    List<UsageRecord> batch = new ArrayList<>(batchSize);
    int[] count = {0};
    try {
      scan(segments, from, to, buffer, crc, false, (position, kind, bytes, offset, length) -> {
        String id = RecordCodec.id(bytes, offset, length);
        if (!candidate(position, id, earlier) || (kind == DRAFT && complete.contains(hash(id)))) {
          return;
        }
        UsageRecord record = RecordCodec.decode(bytes, offset, length);
        batch.add(record);
        if (batch.size() >= batchSize) {
          count[0] += flush(batch, store);
        }
      });
      count[0] += flush(batch, store);
    } catch (RuntimeException e) {
      orphansWaiting = true; // the orphans not stored yet are still marked
      throw e;
    }
    if (earlier) {
      earlierRunReplayed = true;
    }
    return count[0];
  }

  private boolean candidate(long position, String id, boolean earlier) {
    if (position < earlierRunEnd) {
      return earlier;
    }
    Long p = pending.get(id);
    return p != null && p < 0;
  }

  private int flush(List<UsageRecord> batch, Consumer<List<UsageRecord>> store) {
    if (batch.isEmpty()) {
      return 0;
    }
    List<UsageRecord> copy = List.copyOf(batch);
    store.accept(copy);
    replayed.addAndGet(copy.size()); // counted before acknowledging: whoever sees the ack sees the count
    done(copy);
    batch.clear();
    return copy.size();
  }

  private void scan(Map<Long, Path> segments, long from, long to, byte[] buffer, CRC32C crc,
      boolean countTorn, JournalSegment.Visitor visitor) {
    for (Map.Entry<Long, Path> segment : segments.entrySet()) {
      long base = segment.getKey();
      if (base >= to || base + segmentBytesOf(segment.getValue()) <= from) {
        continue;
      }
      try {
        int damaged = JournalSegment.read(segment.getValue(), base, to, buffer, crc,
            (position, kind, bytes, offset, length) -> {
              if (position >= from) {
                visitor.entry(position, kind, bytes, offset, length);
              }
            });
        if (countTorn && damaged > 0) {
          torn.addAndGet(damaged);
          LOG.warn("usage journal {}: a damaged entry ends the segment (a crash mid-write); skipped",
              segment.getValue().getFileName());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read usage journal segment " + segment.getValue(), e);
      }
    }
  }

  private long segmentBytesOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  @Override
  public void acknowledge() {
    long written = end; // first: an entry before it is in pending, or stored
    long point = written;
    for (Long p : pending.values()) {
      point = Math.min(point, p < 0 ? -p - 1 : p);
    }
    if (!earlierRunReplayed) {
      point = Math.min(point, acked);
    }
    if (point > acked) {
      acked = point;
      writeAck(point);
      List<Path> gone;
      synchronized (lock) {
        gone = deleteBefore(files, point, active);
      }
      for (Path p : gone) {
        delete(p);
      }
    }
    warnOfBacklog(written - acked);
  }

  private void warnOfBacklog(long unstored) {
    if (!backlogWarned && unstored > maxBytes / 2) {
      backlogWarned = true;
      LOG.warn("usage journal {} holds {} MB of records the store has not taken (bound {} MB): the store"
          + " is down or behind; requests are still served and recorded here", dir, unstored >> 20, maxBytes >> 20);
    } else if (backlogWarned && unstored < maxBytes / 4) {
      backlogWarned = false;
      LOG.info("usage journal {} caught up: {} MB not yet stored", dir, unstored >> 20);
    }
  }

  /** Removes from {@code files} the segments wholly before {@code point} (never {@code keep}); returns their paths. */
  private static List<Path> deleteBefore(TreeMap<Long, Path> files, long point, JournalSegment keep) {
    List<Path> gone = new ArrayList<>();
    var it = files.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, Path> e = it.next();
      Long next = files.higherKey(e.getKey());
      boolean whollyBefore = next != null && next <= point;
      if (!whollyBefore || (keep != null && e.getKey() == keep.base)) {
        break;
      }
      gone.add(e.getValue());
      it.remove();
    }
    if (keep == null) {
      gone.forEach(MappedUsageJournal::delete);
    }
    return gone;
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.warn("usage journal cannot delete {}: {}", p, e.toString());
    }
  }

  private static long readAck(FileChannel channel) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(16);
    while (b.hasRemaining() && channel.read(b, b.position()) > 0) {
      // read both longs
    }
    if (b.position() < 16) {
      return 0;
    }
    long point = b.getLong(0);
    // a damaged ack replays everything still on disk: the store's idempotent append makes it harmless
    return b.getLong(8) == ~point && point >= 0 ? point : 0;
  }

  private void writeAck(long point) {
    ByteBuffer b = ByteBuffer.allocate(16).putLong(0, point).putLong(8, ~point);
    try {
      while (b.hasRemaining()) {
        ackChannel.write(b, b.position());
      }
    } catch (IOException e) {
      LOG.warn("usage journal cannot write its acknowledgement: {}", e.toString());
    }
  }

  private void forceAll() {
    JournalSegment current;
    synchronized (lock) {
      current = closed ? null : active;
    }
    if (current != null) {
      current.force();
    }
    try {
      ackChannel.force(false);
    } catch (IOException e) {
      LOG.warn("usage journal cannot sync its acknowledgement: {}", e.toString());
    }
  }

  @Override
  public JournalStats stats() {
    long written = end;
    return new JournalStats(appended.sum(), dropped.sum(), replayed.get(), torn.get(), pending.size(),
        Math.max(0, written - acked), maxBytes);
  }

  @Override
  public void close() {
    JournalSegment last;
    JournalSegment unused;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      last = active;
      unused = spare;
      spare = null;
    }
    sync.shutdown();
    try {
      sync.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    last.retire();
    if (unused != null) {
      discard(unused);
    }
    acknowledge();
    if (pending.isEmpty() && earlierRunReplayed) {
      // everything is stored: leave only the acknowledgement, which keeps the next run's positions ahead
      synchronized (lock) {
        files.values().forEach(MappedUsageJournal::delete);
        files.clear();
      }
    }
    try {
      ackChannel.force(false);
      ackChannel.close();
    } catch (IOException e) {
      LOG.warn("usage journal cannot close its acknowledgement: {}", e.toString());
    }
  }

  /** Hashes an id to 64 bits (FNV-1a), for the set of ids with a complete entry during replay. */
  static long hash(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** A growable array of longs, sorted once, then searched. */
  private static final class LongSet {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    void sort() {
      Arrays.sort(values, 0, size);
    }

    boolean contains(long v) {
      return Arrays.binarySearch(values, 0, size, v) >= 0;
    }
  }
}
