export * from './actor';
export * from './auth.module';
export * from './auth.service';
export * from './auth.types';
export * from './decorators';
export * from './user.entity';
export * from './password';
export * from './users';
