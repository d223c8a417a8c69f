package dev.switchboard.telemetry.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * One preallocated journal file, memory-mapped while it is the one being written: appending is a
 * copy into the page cache, which outlives the process. Layout: a 16-byte header (magic, format
 * version, base position), then entries {@code [int length][int crc32c][byte kind][payload]}; a
 * zero length ends the written part. Positions are global: the segment's base plus the offset.
 */
final class JournalSegment {
  static final int HEADER = 16;
  static final int ENTRY_HEADER = 9;
  private static final int MAGIC = 0x53424A31; // "SBJ1"
  private static final int VERSION = 1;
  private static final String SUFFIX = ".seg";

  final long base;
  final Path path;
  final int capacity;
  private MappedByteBuffer map; // null once retired
  private int offset = HEADER;

  private JournalSegment(long base, Path path, int capacity, MappedByteBuffer map) {
    this.base = base;
    this.path = path;
    this.capacity = capacity;
    this.map = map;
  }

  /**
   * Creates and maps a zero-filled segment file starting at global position {@code base}. With
   * {@code prefill} its zeros are written through the file first, off the request path: the file
   * system then reserves its blocks now, and the request path's first write to each page finds it
   * in the page cache instead of allocating (on ext4 a first write to a sparse page can wait for
   * the file system's journal).
   */
  static JournalSegment create(Path dir, long base, int capacity, boolean prefill) throws IOException {
    Path path = dir.resolve(fileName(base));
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
      if (prefill) {
        ByteBuffer zeros = ByteBuffer.allocate(1 << 16);
        for (long at = 0; at < capacity; at += zeros.capacity()) {
          zeros.clear().limit((int) Math.min(zeros.capacity(), capacity - at));
          while (zeros.hasRemaining()) {
            file.getChannel().write(zeros, at + zeros.position());
          }
        }
      }
      file.setLength(capacity); // without prefill sparse: blocks are allocated as pages are written
      MappedByteBuffer map = file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, capacity);
      map.putInt(0, MAGIC);
      map.putInt(4, VERSION);
      map.putLong(8, base);
      return new JournalSegment(base, path, capacity, map);
    }
  }

  static String fileName(long base) {
    return String.format("%020d%s", base, SUFFIX);
  }

  /** Returns the base position a segment file's name carries, or -1 when it is no segment. */
  static long baseOf(Path file) {
    String name = file.getFileName().toString();
    if (!name.endsWith(SUFFIX)) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Returns whether an entry of {@code payload} bytes still fits. */
  boolean fits(int payload) {
    return offset + ENTRY_HEADER + payload <= capacity;
  }

  /** Returns the global position after the last entry. */
  long end() {
    return base + offset;
  }

  /**
   * Copies one entry in and returns its global position. The length goes in last: a process that
   * dies mid-copy leaves a zero length (the end) or an entry whose checksum fails (torn).
   */
  long append(byte kind, int crc, byte[] payload, int length) {
    int at = offset;
    map.put(at + ENTRY_HEADER, payload, 0, length);
    map.put(at + 8, kind);
    map.putInt(at + 4, crc);
    map.putInt(at, length);
    offset = at + ENTRY_HEADER + length;
    return base + at;
  }

  /** Forces the written pages to disk; no-op once retired. */
  void force() {
    MappedByteBuffer m = map;
    if (m != null) {
      m.force();
    }
  }

  /** Forces and unmaps the file; the segment can still be read through {@link #read}. */
  void retire() {
    MappedByteBuffer m = map;
    map = null;
    if (m != null) {
      m.force();
      Unmapper.unmap(m);
    }
  }

  /** Returns the checksum an entry of {@code kind} and {@code payload} carries. */
  static int crc(CRC32C crc, byte kind, byte[] payload, int length) {
    crc.reset();
    crc.update(kind);
    crc.update(payload, 0, length);
    return (int) crc.getValue();
  }

  /** Receives the entries of a segment. */
  interface Visitor {
    void entry(long position, byte kind, byte[] bytes, int offset, int length);
  }

  /**
   * Reads the segment file at {@code path} up to global position {@code limit} into {@code buffer}
   * and visits its valid entries in order; returns the number of torn entries met (0 or 1: reading
   * stops at the first one).
   */
  static int read(Path path, long base, long limit, byte[] buffer, CRC32C crc, Visitor visitor)
      throws IOException {
    int length;
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = Math.min(channel.size(), Math.max(0, limit - base));
      length = (int) Math.min(size, buffer.length);
      ByteBuffer target = ByteBuffer.wrap(buffer, 0, length);
      while (target.hasRemaining() && channel.read(target, target.position()) > 0) {
        // positional reads until the wanted part is in
      }
      length = target.position();
    }
    ByteBuffer view = ByteBuffer.wrap(buffer, 0, length);
    if (length < HEADER || view.getInt(0) != MAGIC || view.getInt(4) != VERSION || view.getLong(8) != base) {
      return 0;
    }
    int at = HEADER;
    while (at + ENTRY_HEADER <= length) {
      int size = view.getInt(at);
      if (size == 0) {
        return 0;
      }
      if (size < 0 || at + ENTRY_HEADER + size > length) {
        return 1;
      }
      byte kind = buffer[at + 8];
      crc.reset();
      crc.update(kind);
      crc.update(buffer, at + ENTRY_HEADER, size);
      if ((int) crc.getValue() != view.getInt(at + 4)) {
        return 1;
      }
      visitor.entry(base + at, kind, buffer, at + ENTRY_HEADER, size);
      at += ENTRY_HEADER + size;
    }
    return 0;
  }

  /** Releases a mapping at once instead of whenever the GC collects the buffer. */
  private static final class Unmapper {
    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
      Object unsafe = null;
      Method invoke = null;
      try {
        Class<?> type = Class.forName("sun.misc.Unsafe");
        Field field = type.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        unsafe = field.get(null);
        invoke = type.getMethod("invokeCleaner", ByteBuffer.class);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // left to the GC
      }
      UNSAFE = unsafe;
      INVOKE_CLEANER = invoke;
    }

    static void unmap(MappedByteBuffer buffer) {
      if (INVOKE_CLEANER == null) {
        return;
      }
      try {
        INVOKE_CLEANER.invoke(UNSAFE, buffer);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // left to the GC
      }
    }
  }
}
