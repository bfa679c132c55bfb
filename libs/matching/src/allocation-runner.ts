import { AppConfig, DomainError } from '@app/core';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { AllocationInput, AllocationResult } from './allocation';
import { AllocationPool, AllocationTimeoutError } from './allocation-pool';

/**
 * The allocation solver as the api uses it: in the worker-thread pool (never on the event loop), bounded by
 * ALLOCATION_TIME_BUDGET_MS, which surfaces as the GraphQL error code TIME_BUDGET_EXCEEDED.
 */
@Injectable()
export class AllocationRunner implements OnModuleDestroy {
  private readonly pool: AllocationPool;

  constructor(config: AppConfig) {
    this.pool = new AllocationPool({
      threads: config.allocationThreads || undefined,
      timeBudgetMs: config.allocationTimeBudgetMs,
    });
  }

  async allocate(input: AllocationInput): Promise<AllocationResult> {
    try {
      return await this.pool.allocate(input);
    } catch (err) {
      if (err instanceof AllocationTimeoutError) {
        throw new DomainError(
          'TIME_BUDGET_EXCEEDED',
          `The allocation did not finish within ${err.budgetMs} ms; narrow it by modality, regions or dates`,
        );
      }
      throw err;
    }
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }
}
