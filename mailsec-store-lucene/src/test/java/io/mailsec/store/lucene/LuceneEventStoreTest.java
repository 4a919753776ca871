package io.mailsec.store.lucene;

import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.EventStoreContractTest;
import java.nio.file.Path;

/** The shared store contract, run against the Lucene store with a small RAM buffer. */
class LuceneEventStoreTest extends EventStoreContractTest {
  @Override
  protected EventStore openStore(Path directory) {
    return LuceneEventStore.open(LuceneStoreConfig.defaults(directory).withRamBufferMb(16));
  }
}
