#pragma once

#include <QtGlobal>

#include <deque>
#include <memory>

/// The bytes of the history's queued payloads, copied one after the other into large chunks
/// instead of one allocation each: the GUI thread copies a datagram's few bytes in, and the
/// writer thread, which frees a chunk once every row in it is written, frees nothing per row.
/// Rows leave in the order they came (the queue is first in, first out), so a chunk is freed
/// when its last row is released. Not thread-safe: the history writer's lock guards it.
class PayloadArena
{
public:
    static constexpr qsizetype ChunkBytes = 256 * 1024;
    /// Payloads up to this size go into the arena; larger ones are few and keep their own.
    static constexpr qsizetype MaxBytes = 4096;

    /// Copies @p size bytes (1 to MaxBytes) of @p data in; the copy stays where it is until
    /// release().
    const char *add(const char *data, qsizetype size);
    /// Releases the oldest bytes still held (those of the next row to leave the queue).
    void release();
    /// The bytes a payload of @p size takes in the arena (aligned).
    static qsizetype footprint(qsizetype size) { return (size + 7) & ~qsizetype(7); }
    /// Bytes held in chunks (used or not), for tests.
    qsizetype chunkBytes() const { return qsizetype(m_chunks.size()) * ChunkBytes; }

private:
    struct Chunk
    {
        std::unique_ptr<char[]> bytes;
        qsizetype used = 0;
        qsizetype rows = 0; // added and not released
    };
    std::deque<Chunk> m_chunks; // the last one is filled
    std::unique_ptr<char[]> m_spare; // one emptied chunk, kept to be filled again
};
