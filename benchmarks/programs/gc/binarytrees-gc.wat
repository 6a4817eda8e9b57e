;; binarytrees-gc: the binary-trees kernel on Wasm GC structs, written for twasm's benchmarks.
;;
;; A tree node is a struct of two nullable references to nodes; a leaf has two nulls. make(d)
;; allocates a complete tree of depth d (2^(d+1) - 1 nodes) bottom-up with struct.new; check(t)
;; walks it with struct.get and ref.is_null and returns its node count. run() does what the classic
;; benchmark does for a maximum depth of 15 and a minimum depth of 4:
;;   - one stretch tree of depth 16, allocated, checked and dropped;
;;   - one long-lived tree of depth 15, kept in a local for the whole run;
;;   - for d = 4, 6, ..., 14: 2^(15 - d + 4) short-lived trees of depth d, each checked and dropped;
;;   - the long-lived tree checked again at the end;
;; and in addition checks the tree that setup() allocated into the global $kept (depth 15), which
;; lives as long as the instance. Every count is folded into the checksum h := h * 31 + count (i32,
;; wrapping), in this order: stretch, then per depth (number of trees, sum of their counts), then
;; the long-lived tree, then $kept. run() returns 1483482207 every time (checksums.txt; build-gc.sh
;; computes the expectation independently, from the node count 2^(d+1) - 1 of a tree of depth d).
;;
;; One run allocates 6,444,382 nodes (setup: 65,535 more), at most about 200,000 of them alive at once.
;;
;; The module has no imports, no memory and no _initialize; it exports setup ([] -> []) and run
;; ([] -> [i32]). It is written in the flat (unfolded) instruction syntax that gen/wat-gc.mjs
;; assembles (see README.md, "Wasm GC programs").
(module
  (type $node (struct (field $left (ref null $node)) (field $right (ref null $node))))

  (global $kept (mut (ref null $node)) (ref.null $node))

  ;; A complete tree of depth $depth: a leaf at depth 0, else a node of two trees of depth - 1.
  (func $make (param $depth i32) (result (ref $node))
    local.get $depth
    i32.eqz
    if (result (ref $node))
      ref.null $node
      ref.null $node
      struct.new $node
    else
      local.get $depth
      i32.const 1
      i32.sub
      call $make
      local.get $depth
      i32.const 1
      i32.sub
      call $make
      struct.new $node
    end)

  ;; The number of nodes of tree $tree: 1 for a leaf (its left child is null; a node has either
  ;; two children or none), else 1 + the counts of both children.
  (func $check (param $tree (ref null $node)) (result i32)
    (local $left (ref null $node))
    local.get $tree
    struct.get $node $left
    local.tee $left
    ref.is_null
    if (result i32)
      i32.const 1
    else
      local.get $left
      call $check
      local.get $tree
      struct.get $node $right
      call $check
      i32.add
      i32.const 1
      i32.add
    end)

  ;; h * 31 + value
  (func $mix (param $h i32) (param $value i32) (result i32)
    local.get $h
    i32.const 31
    i32.mul
    local.get $value
    i32.add)

  (func $setup (export "setup")
    i32.const 15
    call $make
    global.set $kept)

  (func $run (export "run") (result i32)
    (local $h i32)
    (local $long (ref null $node))
    (local $depth i32)
    (local $trees i32)
    (local $i i32)
    (local $sum i32)
    ;; the stretch tree, one deeper than the long-lived one
    i32.const 0
    i32.const 16
    call $make
    call $check
    call $mix
    local.set $h
    ;; the long-lived tree
    i32.const 15
    call $make
    local.set $long
    ;; short-lived trees of depth 4, 6, ..., 14: 2^(15 - depth + 4) of each depth
    i32.const 4
    local.set $depth
    block $depths_done
      loop $depths
        local.get $depth
        i32.const 15
        i32.gt_s
        br_if $depths_done
        i32.const 1
        i32.const 19
        local.get $depth
        i32.sub
        i32.shl
        local.set $trees
        i32.const 0
        local.set $sum
        i32.const 0
        local.set $i
        loop $trees_loop
          local.get $sum
          local.get $depth
          call $make
          call $check
          i32.add
          local.set $sum
          local.get $i
          i32.const 1
          i32.add
          local.tee $i
          local.get $trees
          i32.lt_s
          br_if $trees_loop
        end
        local.get $h
        local.get $trees
        call $mix
        local.get $sum
        call $mix
        local.set $h
        local.get $depth
        i32.const 2
        i32.add
        local.set $depth
        br $depths
      end
    end
    ;; the long-lived tree, still alive, and the instance's tree from setup()
    local.get $h
    local.get $long
    call $check
    call $mix
    global.get $kept
    call $check
    call $mix))
