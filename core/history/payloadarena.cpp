#include "core/history/payloadarena.h"

#include <cstring>

const char *PayloadArena::add(const char *data, qsizetype size)
{
    Q_ASSERT(size > 0 && size <= MaxBytes);
    const qsizetype space = footprint(size);
    if (m_chunks.empty() || m_chunks.back().used + space > ChunkBytes) {
        Chunk chunk;
        chunk.bytes = m_spare ? std::move(m_spare) : std::make_unique<char[]>(ChunkBytes);
        m_chunks.push_back(std::move(chunk));
    }
    Chunk &chunk = m_chunks.back();
    char *copy = chunk.bytes.get() + chunk.used;
    std::memcpy(copy, data, size_t(size));
    chunk.used += space;
    ++chunk.rows;
    return copy;
}

void PayloadArena::release()
{
    Q_ASSERT(!m_chunks.empty() && m_chunks.front().rows > 0);
    Chunk &oldest = m_chunks.front();
    if (--oldest.rows > 0)
        return;
    if (m_chunks.size() == 1) {
        oldest.used = 0; // the chunk being filled: it starts again
        return;
    }
    if (!m_spare)
        m_spare = std::move(oldest.bytes);
    m_chunks.pop_front();
}
