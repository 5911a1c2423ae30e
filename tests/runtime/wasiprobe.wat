;; WASI calls as exports (tests/unit/runtime_wasi.c): the module re-exports
;; the wasi_snapshot_preview1 functions it imports, so the test can call each
;; with any arguments (paths it writes into this memory, bad pointers) as a
;; guest would; deep_exit calls proc_exit from the bottom of a recursion.
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_set_rights"
    (func $fd_fdstat_set_rights (param i32 i64 i64) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_symlink"
    (func $path_symlink (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory"
    (func $path_create_directory (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_unlink_file" (func $path_unlink_file (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_rename"
    (func $path_rename (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (export "path_open" (func $path_open))
  (export "fd_read" (func $fd_read))
  (export "fd_write" (func $fd_write))
  (export "fd_close" (func $fd_close))
  (export "fd_fdstat_set_rights" (func $fd_fdstat_set_rights))
  (export "fd_prestat_get" (func $fd_prestat_get))
  (export "path_symlink" (func $path_symlink))
  (export "path_create_directory" (func $path_create_directory))
  (export "path_unlink_file" (func $path_unlink_file))
  (export "path_rename" (func $path_rename))
  (export "path_filestat_get" (func $path_filestat_get))
  (export "args_sizes_get" (func $args_sizes_get))
  (export "random_get" (func $random_get))
  (export "poll_oneoff" (func $poll_oneoff))
  ;; a reactor's initializer: w2l_wasi_run calls it when there is no _start
  (func (export "_initialize") (i32.store (i32.const 8) (i32.const 0x1717)))
  (func $deep (export "deep_exit") (param $n i32) (param $code i32)
    (if (i32.eqz (local.get $n)) (then (call $proc_exit (local.get $code))))
    (call $deep (i32.sub (local.get $n) (i32.const 1)) (local.get $code))))
