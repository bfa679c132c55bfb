export * from './allocation';
export * from './dto/matching.types';
export * from './matching.module';
export * from './matching.service';
export * from './reasons';
