import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import {
  AppConfig,
  CoreApiModule,
  CoreModule,
  DateTimeScalar,
  formatGraphQLError,
  GraphQLJSONObject,
  HealthModule,
  LocalDateScalar,
  queryCostPlugin,
  queryLimitsRule,
} from '@app/core';
import { AuditsModule } from '@app/audits';
import { CapacityModule } from '@app/capacity';
import { MatchingModule } from '@app/matching';
import { MeetingsModule } from '@app/meetings';
import { OffersModule } from '@app/offers';
import { PathwaysModule } from '@app/pathways';
import { ReferenceModule } from '@app/reference';
import { ReportingModule } from '@app/reporting';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { join } from 'node:path';
import { QUERY_COST_LIMITS, QUERY_COST_TABLE } from './query-cost';
import { graphiqlLandingPage } from './web-app';

/** The API shell: wires the domain libs into GraphQL + REST; no business logic here. */
@Module({})
export class AppModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        CoreApiModule,
        HealthModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [AppConfig],
          useFactory: (c: AppConfig) => ({
            autoSchemaFile: c.graphqlSchemaFile ? join(process.cwd(), c.graphqlSchemaFile) : true,
            sortSchema: true,
            playground: false,
            introspection: c.demoMode,
            // "Did you mean createOffer?" would map the schema for anonymous callers; only the demo sandbox keeps it.
            hideSchemaDetailsFromClientErrors: !c.demoMode,
            plugins: [
              queryCostPlugin(QUERY_COST_TABLE, QUERY_COST_LIMITS),
              c.demoMode ? graphiqlLandingPage() : ApolloServerPluginLandingPageDisabled(),
              // Apollo's default cache-control plugin wraps every field resolver to collect cache hints; every
              // response here is private and uncached (POST, per user), so it was pure cost on each field.
              ApolloServerPluginCacheControlDisabled(),
            ],
            includeStacktraceInErrorResponses: false,
            csrfPrevention: true,
            context: ({ req }: { req: unknown }) => ({ req }),
            formatError: formatGraphQLError,
            validationRules: [queryLimitsRule()],
            resolvers: { LocalDate: LocalDateScalar, JSONObject: GraphQLJSONObject },
            // Strict instants for every Date field: no silent 2027-02-30 → 2027-03-02, no offset-less local times.
            buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
          }),
        }),
        ReferenceModule,
        CapacityModule,
        PathwaysModule,
        OffersModule,
        MatchingModule,
        MeetingsModule,
        ReportingModule,
        AuditsModule,
      ],
    };
  }
}
