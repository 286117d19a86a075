package pusher

// flushTracker counts the events not yet delivered or reported, by flush
// epoch: each Flush closes the current epoch and waits until every event
// of it and of the epochs before has ended, whatever was published since.
// Its owner guards it with a mutex.
type flushTracker struct {
	epochs  []epochCount // ascending; the last is the epoch new events join
	waiters []flushWaiter
}

// epochCount is how many events of one epoch are still pending.
type epochCount struct {
	epoch uint64
	n     int
}

// flushWaiter is one Flush waiting for the epochs up to epoch to settle.
type flushWaiter struct {
	epoch uint64
	done  chan struct{}
}

// newFlushTracker returns a tracker at epoch 0 with nothing pending.
func newFlushTracker() flushTracker {
	return flushTracker{epochs: []epochCount{{}}}
}

// add counts one more pending event in the current epoch and returns it.
func (f *flushTracker) add() uint64 {
	last := &f.epochs[len(f.epochs)-1]
	last.n++
	return last.epoch
}

// finish counts n events of epoch as ended and wakes the Flush calls
// that were waiting for nothing else.
func (f *flushTracker) finish(epoch uint64, n int) {
	for i := range f.epochs {
		if f.epochs[i].epoch == epoch {
			f.epochs[i].n -= n
			break
		}
	}
	for len(f.epochs) > 1 && f.epochs[0].n == 0 {
		f.epochs = f.epochs[1:]
	}
	if len(f.waiters) == 0 {
		return
	}
	kept := f.waiters[:0]
	for _, w := range f.waiters {
		if f.settled(w.epoch) {
			close(w.done)
		} else {
			kept = append(kept, w)
		}
	}
	clear(f.waiters[len(kept):])
	f.waiters = kept
}

// settled reports whether no event of epoch or before is pending. After
// finish's trimming the first epoch is pending unless it is the only one.
func (f *flushTracker) settled(epoch uint64) bool {
	first := f.epochs[0]
	return first.n == 0 || first.epoch > epoch
}

// mark closes the current epoch for a Flush and returns a channel closed
// once it and every epoch before have settled, or nil if they already have.
func (f *flushTracker) mark() chan struct{} {
	last := f.epochs[len(f.epochs)-1]
	target := last.epoch
	if last.n == 0 {
		// Nothing joined the current epoch yet: wait for the ones before.
		target--
	}
	if f.settled(target) {
		return nil
	}
	if last.n > 0 {
		f.epochs = append(f.epochs, epochCount{epoch: last.epoch + 1})
	}
	w := flushWaiter{epoch: target, done: make(chan struct{})}
	f.waiters = append(f.waiters, w)
	return w.done
}

// forget drops the waiter whose channel is done, if it is still waiting.
func (f *flushTracker) forget(done chan struct{}) {
	for i, w := range f.waiters {
		if w.done == done {
			f.waiters = append(f.waiters[:i], f.waiters[i+1:]...)
			return
		}
	}
}
