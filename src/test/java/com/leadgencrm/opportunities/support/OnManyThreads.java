package com.leadgencrm.opportunities.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * What a function answers for many inputs submitted at once to eight threads, in the inputs' order:
 * for tests of code that shares state between calls (a prototype it copies, a cache), whose answers
 * must be those it gives one call at a time.
 */
public final class OnManyThreads {

  private static final int THREADS = 8;

  private OnManyThreads() {}

  public static <T, R> List<R> map(List<T> inputs, Function<? super T, ? extends R> function)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<? extends R>> futures = new ArrayList<>(inputs.size());
      for (T input : inputs) {
        futures.add(threads.submit(() -> function.apply(input)));
      }
      List<R> answers = new ArrayList<>(inputs.size());
      for (Future<? extends R> future : futures) {
        answers.add(future.get());
      }
      return answers;
    } finally {
      threads.shutdownNow();
    }
  }
}
