package org.netservof.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.netservof.controller.api.store.IntentStore;

class MemoryIntentStoreTest extends IntentStoreContract {

  @Override
  protected IntentStore<String, String> newStore(int keptEvents) {
    return new MemoryIntentStore<>("test", keptEvents);
  }

  @Test
  void theServiceGivesOneStorePerNameAndRefusesOtherTypes() {
    MemoryStoreService stores = new MemoryStoreService();
    IntentStore<String, String> a = stores.open("a", String.class, String.class);
    assertThat(stores.open("a", String.class, String.class)).isSameAs(a);
    assertThatThrownBy(() -> stores.open("a", String.class, Integer.class))
        .hasMessageContaining("store 'a' is open already for String -> String");
  }
}
