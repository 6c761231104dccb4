/*
** heap.h — backing a one-shot build's heap with transparent huge pages.
**
** On a virtual machine every fresh 4 KB page costs a fault of about 3 µs (1,024 pages took
** 3.5 ms on the reference machine); the sample brief touches about 400 heap pages. A 2 MB
** huge page costs one fault. See heap.c for how the heap is lined up for one.
*/
#ifndef BC_HEAP_H
#define BC_HEAP_H

/* Call first thing in a short-lived command, before anything is allocated. It is advice
   only: where the break cannot move or the kernel has no huge pages, nothing changes.
   Not for long-running processes (watch) or forked workers (batch), whose heaps are reused. */
void bc_heap_prepare(void);

#endif
