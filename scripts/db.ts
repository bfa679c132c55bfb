import 'reflect-metadata';
import { dataSourceOptions } from '@app/core';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from './entities';

export async function openDataSource(databaseUrl: string): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(databaseUrl, ALL_ENTITIES));
  await ds.initialize();
  return ds;
}
