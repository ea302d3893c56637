internal import CGMP

// Heap storage for values that outgrow a machine word.
//
// Each box owns one GMP value, tail-allocated in a ManagedBuffer so that a
// big value costs one Swift allocation plus GMP's limbs. A box is mutated
// only while uniquely referenced (copy-on-write), which is what makes the
// `@unchecked Sendable` on the `Storage` enums that hold boxes sound.
//
// Pointers to the GMP value are handed out only inside `withPointer`, so
// the box is alive for every GMP call that uses it.

@usableFromInline
final class MPZBox: ManagedBuffer<Void, UInt64> {
    static func make() -> MPZBox {
        let box = unsafeDowncast(
            MPZBox.create(minimumCapacity: zWords) { _ in () }, to: MPZBox.self)
        box.withUnsafeMutablePointerToElements { words in
            let z = UnsafeMutableRawPointer(words).bindMemory(to: __mpz_struct.self, capacity: 1)
            cgmp_z_init(z)
        }
        return box
    }

    static func make(_ value: Int) -> MPZBox {
        let box = make()
        box.withPointer { cgmp_z_set_si($0, value) }
        return box
    }

    deinit {
        withPointer { cgmp_z_clear($0) }
    }

    @inline(__always)
    func withPointer<R>(_ body: (UnsafeMutablePointer<__mpz_struct>) throws -> R) rethrows -> R {
        try withUnsafeMutablePointerToElements { words in
            try body(UnsafeMutableRawPointer(words).assumingMemoryBound(to: __mpz_struct.self))
        }
    }

    func copy() -> MPZBox {
        let fresh = MPZBox.make()
        withPointer { source in fresh.withPointer { cgmp_z_set($0, source) } }
        return fresh
    }
}

@usableFromInline
final class MPQBox: ManagedBuffer<Void, UInt64> {
    static func make() -> MPQBox {
        let box = unsafeDowncast(
            MPQBox.create(minimumCapacity: qWords) { _ in () }, to: MPQBox.self)
        box.withUnsafeMutablePointerToElements { words in
            let q = UnsafeMutableRawPointer(words).bindMemory(to: __mpq_struct.self, capacity: 1)
            cgmp_q_init(q)
        }
        return box
    }

    deinit {
        withPointer { cgmp_q_clear($0) }
    }

    @inline(__always)
    func withPointer<R>(_ body: (UnsafeMutablePointer<__mpq_struct>) throws -> R) rethrows -> R {
        try withUnsafeMutablePointerToElements { words in
            try body(UnsafeMutableRawPointer(words).assumingMemoryBound(to: __mpq_struct.self))
        }
    }

    func copy() -> MPQBox {
        let fresh = MPQBox.make()
        withPointer { source in fresh.withPointer { cgmp_q_set($0, source) } }
        return fresh
    }
}

private let zWords = (MemoryLayout<__mpz_struct>.stride + 7) / 8
private let qWords = (MemoryLayout<__mpq_struct>.stride + 7) / 8

/// Runs `body` with a GMP view of a word-sized integer, borrowing a limb on
/// the stack instead of allocating.
@inline(__always)
func withReadOnlyMPZ<R>(_ value: Int, _ body: (UnsafePointer<__mpz_struct>) -> R) -> R {
    var z = __mpz_struct()
    var limb: mp_limb_t = 0
    return withUnsafeMutablePointer(to: &z) { zp in
        withUnsafeMutablePointer(to: &limb) { lp in
            body(cgmp_z_roinit_si(zp, lp, value))
        }
    }
}

/// Runs `body` with a GMP view of a canonical word-sized rational `n/d`.
@inline(__always)
func withReadOnlyMPQ<R>(_ n: Int, _ d: Int, _ body: (UnsafePointer<__mpq_struct>) -> R) -> R {
    var q = __mpq_struct()
    var limbs: (mp_limb_t, mp_limb_t) = (0, 0)
    return withUnsafeMutablePointer(to: &q) { qp in
        withUnsafeMutablePointer(to: &limbs) { lp in
            lp.withMemoryRebound(to: mp_limb_t.self, capacity: 2) { l in
                body(cgmp_q_roinit_si(qp, l, n, d))
            }
        }
    }
}

/// The decimal digits of a GMP integer (with a leading `-` when negative).
func decimalString(_ z: UnsafePointer<__mpz_struct>) -> String {
    let capacity = cgmp_z_sizeinbase(z, 10) + 2
    return String(unsafeUninitializedCapacity: capacity) { buffer in
        buffer.withMemoryRebound(to: CChar.self) { chars in
            _ = cgmp_z_get_str(chars.baseAddress, 10, z)
            return chars.firstIndex(of: 0) ?? capacity
        }
    }
}
