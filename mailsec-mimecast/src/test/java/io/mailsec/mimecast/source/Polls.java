package io.mailsec.mimecast.source;

import static org.assertj.core.api.Assertions.fail;

import io.mailsec.core.source.Source;
import io.mailsec.core.source.SourceBatch;
import io.mailsec.core.source.SourceRecord;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.Gap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Drives a source the way the stream runner does, without the store. */
final class Polls {
  /** More polls than any test needs; reaching it means the source never caught up. */
  static final int MAX_POLLS = 2_000;

  /** One poll: the checkpoint it was given and what it returned. */
  record Poll(Optional<Checkpoint> checkpoint, SourceBatch batch) {}

  /** The polls of one run, from a checkpoint until a caught-up batch. */
  record Run(List<Poll> polls) {
    List<SourceRecord> records() {
      List<SourceRecord> all = new ArrayList<>();
      polls.forEach(p -> all.addAll(p.batch().records()));
      return all;
    }

    List<Gap> gaps() {
      List<Gap> all = new ArrayList<>();
      polls.forEach(p -> all.addAll(p.batch().gaps()));
      return all;
    }

    List<Checkpoint> checkpoints() {
      return polls.stream().map(p -> p.batch().next()).toList();
    }

    Checkpoint last() {
      return polls.get(polls.size() - 1).batch().next();
    }
  }

  private Polls() {}

  /** Polls until a batch is caught up. */
  static Run untilCaughtUp(Source source, Optional<Checkpoint> start) throws Exception {
    List<Poll> polls = new ArrayList<>();
    Optional<Checkpoint> checkpoint = start;
    while (polls.size() < MAX_POLLS) {
      SourceBatch batch = source.poll(checkpoint);
      polls.add(new Poll(checkpoint, batch));
      if (batch.caughtUp()) {
        return new Run(polls);
      }
      checkpoint = Optional.of(batch.next());
    }
    return fail("the source did not catch up within " + MAX_POLLS + " polls");
  }
}
