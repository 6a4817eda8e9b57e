/* interp: a stack-based bytecode virtual machine with a `switch` dispatch loop over 28 dense
 * opcodes (clang lowers it to a Wasm br_table). setup() assembles three bytecode programs with a
 * small label-patching assembler: Collatz step counting, a sieve in VM memory, and an xorshift
 * hashing loop over VM memory.
 * Stresses: br_table dispatch, an unpredictable indirect branch per instruction, loads of the
 * instruction stream, an operand stack in linear memory, i32 arithmetic. */
#include <stdint.h>
#include <string.h>

enum {
    OP_HALT, OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_AND, OP_OR, OP_XOR,
    OP_SHL, OP_SHRU, OP_EQ, OP_NE, OP_LTU, OP_GEU, OP_JMP, OP_JZ, OP_JNZ, OP_DUP, OP_DROP,
    OP_SWAP, OP_INC, OP_MLOAD, OP_MSTORE, OP_ADDI, OP_ROTL, OP_MULI
};

#define CODE_MAX 1024
#define MEM_WORDS 65536
#define STACK_MAX 256
#define NLOCALS 16

typedef struct {
    int32_t code[CODE_MAX];
    int32_t len;
    int32_t label_pos[32];
    int32_t fixups[64][2]; /* (code index, label) */
    int32_t nfixups;
} Asm;

static Asm programs[3];
static uint32_t vm_mem[MEM_WORDS];

static void emit(Asm *a, int32_t op) { a->code[a->len++] = op; }
static void emit1(Asm *a, int32_t op, int32_t arg) {
    a->code[a->len++] = op;
    a->code[a->len++] = arg;
}
static void label(Asm *a, int32_t l) { a->label_pos[l] = a->len; }
static void jump(Asm *a, int32_t op, int32_t l) {
    a->code[a->len++] = op;
    a->fixups[a->nfixups][0] = a->len;
    a->fixups[a->nfixups][1] = l;
    a->nfixups++;
    a->code[a->len++] = -1;
}
static void finish(Asm *a) {
    emit(a, OP_HALT);
    for (int i = 0; i < a->nfixups; i++) a->code[a->fixups[i][0]] = a->label_pos[a->fixups[i][1]];
}

/* local 0 = n, 1 = x, 2 = total steps, 3 = max x, result in local 2 ^ local 3 */
static void assemble_collatz(Asm *a, int32_t limit) {
    enum { OUTER, INNER, EVEN, INNER_END, NOT_MAX, DONE };
    emit1(a, OP_PUSH, 1); emit1(a, OP_STORE, 0);
    label(a, OUTER);
    emit1(a, OP_LOAD, 0); emit1(a, OP_PUSH, limit); emit(a, OP_GEU); jump(a, OP_JNZ, DONE);
    emit1(a, OP_LOAD, 0); emit1(a, OP_STORE, 1);
    label(a, INNER);
    emit1(a, OP_LOAD, 1); emit1(a, OP_PUSH, 1); emit(a, OP_EQ); jump(a, OP_JNZ, INNER_END);
    emit1(a, OP_INC, 2);
    emit1(a, OP_LOAD, 1); emit1(a, OP_PUSH, 1); emit(a, OP_AND); jump(a, OP_JZ, EVEN);
    emit1(a, OP_LOAD, 1); emit1(a, OP_MULI, 3); emit1(a, OP_ADDI, 1); emit1(a, OP_STORE, 1);
    emit1(a, OP_LOAD, 1); emit1(a, OP_LOAD, 3); emit(a, OP_LTU); jump(a, OP_JNZ, NOT_MAX);
    emit1(a, OP_LOAD, 1); emit1(a, OP_STORE, 3);
    label(a, NOT_MAX);
    jump(a, OP_JMP, INNER);
    label(a, EVEN);
    emit1(a, OP_LOAD, 1); emit1(a, OP_PUSH, 1); emit(a, OP_SHRU); emit1(a, OP_STORE, 1);
    jump(a, OP_JMP, INNER);
    label(a, INNER_END);
    emit1(a, OP_INC, 0);
    jump(a, OP_JMP, OUTER);
    label(a, DONE);
    emit1(a, OP_LOAD, 2); emit1(a, OP_LOAD, 3); emit(a, OP_XOR); emit1(a, OP_STORE, 15);
    finish(a);
}

/* Sieve over mem[0..limit): local 0 = i, 1 = j, 2 = count, 3 = weighted sum */
static void assemble_sieve(Asm *a, int32_t limit) {
    enum { CLEAR, CLEAR_END, OUTER, MARK, MARK_END, NEXT, DONE, COUNT, SKIP, COUNT_END };
    emit1(a, OP_PUSH, 0); emit1(a, OP_STORE, 0);
    label(a, CLEAR);
    emit1(a, OP_LOAD, 0); emit1(a, OP_PUSH, limit); emit(a, OP_GEU); jump(a, OP_JNZ, CLEAR_END);
    emit1(a, OP_PUSH, 0); emit1(a, OP_LOAD, 0); emit(a, OP_MSTORE);
    emit1(a, OP_INC, 0); jump(a, OP_JMP, CLEAR);
    label(a, CLEAR_END);
    emit1(a, OP_PUSH, 2); emit1(a, OP_STORE, 0);
    label(a, OUTER);
    emit1(a, OP_LOAD, 0); emit(a, OP_DUP); emit(a, OP_MUL); emit1(a, OP_PUSH, limit); emit(a, OP_GEU);
    jump(a, OP_JNZ, DONE);
    emit1(a, OP_LOAD, 0); emit(a, OP_MLOAD); jump(a, OP_JNZ, NEXT);
    emit1(a, OP_LOAD, 0); emit(a, OP_DUP); emit(a, OP_MUL); emit1(a, OP_STORE, 1);
    label(a, MARK);
    emit1(a, OP_LOAD, 1); emit1(a, OP_PUSH, limit); emit(a, OP_GEU); jump(a, OP_JNZ, MARK_END);
    emit1(a, OP_PUSH, 1); emit1(a, OP_LOAD, 1); emit(a, OP_MSTORE);
    emit1(a, OP_LOAD, 1); emit1(a, OP_LOAD, 0); emit(a, OP_ADD); emit1(a, OP_STORE, 1);
    jump(a, OP_JMP, MARK);
    label(a, MARK_END);
    label(a, NEXT);
    emit1(a, OP_INC, 0); jump(a, OP_JMP, OUTER);
    label(a, DONE);
    emit1(a, OP_PUSH, 2); emit1(a, OP_STORE, 0);
    label(a, COUNT);
    emit1(a, OP_LOAD, 0); emit1(a, OP_PUSH, limit); emit(a, OP_GEU); jump(a, OP_JNZ, COUNT_END);
    emit1(a, OP_LOAD, 0); emit(a, OP_MLOAD); jump(a, OP_JNZ, SKIP);
    emit1(a, OP_INC, 2);
    emit1(a, OP_LOAD, 3); emit1(a, OP_ROTL, 5); emit1(a, OP_LOAD, 0); emit(a, OP_XOR); emit1(a, OP_STORE, 3);
    label(a, SKIP);
    emit1(a, OP_INC, 0); jump(a, OP_JMP, COUNT);
    label(a, COUNT_END);
    emit1(a, OP_LOAD, 2); emit1(a, OP_LOAD, 3); emit(a, OP_SWAP); emit(a, OP_SUB); emit1(a, OP_STORE, 15);
    finish(a);
}

/* xorshift32 fill and fold over mem: local 0 = i, 1 = state, 2 = acc, 4 = round */
static void assemble_hash(Asm *a, int32_t words, int32_t rounds) {
    enum { ROUND, FILL, FILL_END, ROUND_END };
    emit1(a, OP_PUSH, 0x12345678); emit1(a, OP_STORE, 1);
    emit1(a, OP_PUSH, 0); emit1(a, OP_STORE, 4);
    label(a, ROUND);
    emit1(a, OP_LOAD, 4); emit1(a, OP_PUSH, rounds); emit(a, OP_GEU); jump(a, OP_JNZ, ROUND_END);
    emit1(a, OP_PUSH, 0); emit1(a, OP_STORE, 0);
    label(a, FILL);
    emit1(a, OP_LOAD, 0); emit1(a, OP_PUSH, words); emit(a, OP_NE); jump(a, OP_JZ, FILL_END);
    /* state ^= state << 13; state ^= state >> 17; state ^= state << 5 */
    emit1(a, OP_LOAD, 1); emit(a, OP_DUP); emit1(a, OP_PUSH, 13); emit(a, OP_SHL); emit(a, OP_XOR);
    emit(a, OP_DUP); emit1(a, OP_PUSH, 17); emit(a, OP_SHRU); emit(a, OP_XOR);
    emit(a, OP_DUP); emit1(a, OP_PUSH, 5); emit(a, OP_SHL); emit(a, OP_XOR);
    emit(a, OP_DUP); emit1(a, OP_STORE, 1);
    /* mem[i] = mem[i] + state; acc = rotl(acc, 3) ^ mem[i] */
    emit1(a, OP_LOAD, 0); emit(a, OP_MLOAD); emit(a, OP_ADD); emit(a, OP_DUP);
    emit1(a, OP_LOAD, 0); emit(a, OP_MSTORE);
    emit1(a, OP_LOAD, 2); emit1(a, OP_ROTL, 3); emit(a, OP_XOR); emit1(a, OP_STORE, 2);
    emit1(a, OP_INC, 0); jump(a, OP_JMP, FILL);
    label(a, FILL_END);
    emit1(a, OP_INC, 4); jump(a, OP_JMP, ROUND);
    label(a, ROUND_END);
    emit1(a, OP_LOAD, 2); emit1(a, OP_LOAD, 1); emit(a, OP_OR); emit1(a, OP_STORE, 15);
    finish(a);
}

/* Runs one program; returns local 15. */
static uint32_t execute(const int32_t *code) {
    uint32_t stack[STACK_MAX];
    uint32_t locals[NLOCALS];
    uint32_t sp = 0;
    int32_t pc = 0;
    memset(locals, 0, sizeof locals);
    for (;;) {
        int32_t op = code[pc++];
        switch (op) {
        case OP_HALT: return locals[15];
        case OP_PUSH: stack[sp++] = (uint32_t)code[pc++]; break;
        case OP_LOAD: stack[sp++] = locals[code[pc++]]; break;
        case OP_STORE: locals[code[pc++]] = stack[--sp]; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case OP_AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case OP_OR: sp--; stack[sp - 1] |= stack[sp]; break;
        case OP_XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case OP_SHL: sp--; stack[sp - 1] <<= (stack[sp] & 31u); break;
        case OP_SHRU: sp--; stack[sp - 1] >>= (stack[sp] & 31u); break;
        case OP_EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
        case OP_NE: sp--; stack[sp - 1] = stack[sp - 1] != stack[sp]; break;
        case OP_LTU: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case OP_GEU: sp--; stack[sp - 1] = stack[sp - 1] >= stack[sp]; break;
        case OP_JMP: pc = code[pc]; break;
        case OP_JZ: pc = stack[--sp] == 0 ? code[pc] : pc + 1; break;
        case OP_JNZ: pc = stack[--sp] != 0 ? code[pc] : pc + 1; break;
        case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case OP_DROP: sp--; break;
        case OP_SWAP: {
            uint32_t t = stack[sp - 1];
            stack[sp - 1] = stack[sp - 2];
            stack[sp - 2] = t;
            break;
        }
        case OP_INC: locals[code[pc++]]++; break;
        case OP_MLOAD: stack[sp - 1] = vm_mem[stack[sp - 1] & (MEM_WORDS - 1)]; break;
        case OP_MSTORE: sp -= 2; vm_mem[stack[sp + 1] & (MEM_WORDS - 1)] = stack[sp]; break;
        case OP_ADDI: stack[sp - 1] += (uint32_t)code[pc++]; break;
        case OP_ROTL: {
            uint32_t v = stack[sp - 1], k = (uint32_t)code[pc++] & 31u;
            stack[sp - 1] = k ? (v << k) | (v >> (32u - k)) : v;
            break;
        }
        case OP_MULI: stack[sp - 1] *= (uint32_t)code[pc++]; break;
        default: return 0xFFFFFFFFu; /* unknown opcode: cannot happen */
        }
    }
}

void setup(void) {
    memset(programs, 0, sizeof programs);
    assemble_collatz(&programs[0], 12000);
    assemble_sieve(&programs[1], 60000);
    assemble_hash(&programs[2], 4096, 24);
}

uint32_t run(void) {
    memset(vm_mem, 0, sizeof vm_mem);
    uint32_t h = 0x811c9dc5u;
    for (int p = 0; p < 3; p++) {
        uint32_t r = execute(programs[p].code);
        h = (h ^ r) * 0x01000193u;
        h ^= h >> 16;
    }
    return h;
}
