package dev.weir.spec.model;

/** Where a stateful step keeps its state. */
public enum StoreKind {
    /** RocksDB on local disk, backed by a changelog topic: survives restarts cheaply. */
    ROCKSDB,
    /** On the heap, rebuilt from the changelog topic at start. */
    MEMORY
}
